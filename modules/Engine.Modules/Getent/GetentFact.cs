using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Getent;

/// <summary>
/// <c>getent DATABASE [KEY] [-s SERVICE]</c> in the host's probe batch. Its exit code is data (a missing key is
/// exit 2, which <c>fail_key: false</c> accepts), so the script always succeeds and reports it on the last line.
/// </summary>
public sealed class GetentFact(string database, string? key, string? service) : Fact<GetentLookup>
{
    private const string Script =
        """
        command -v getent >/dev/null || { echo "getent is not installed on the host (Debian's libc-bin provides it)" >&2; exit 127; }
        db=$1; key=$2; service=$3
        set -- "$db"
        [ -z "$key" ] || set -- "$@" "$key"
        [ -z "$service" ] || set -- "$@" -s "$service"
        getent "$@"
        echo "converge-getent-rc=$?"
        """;

    private const string Marker = "converge-getent-rc=";

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-getent", database, key ?? string.Empty, service ?? string.Empty);

    public override GetentLookup Parse(CommandResult result)
    {
        var at = result.Stdout.LastIndexOf(Marker, StringComparison.Ordinal);
        if (!result.Succeeded || at < 0)
        {
            throw new TaskFailedException(result.Stderr.Trim() is { Length: > 0 } why ? why : $"cannot run getent {database}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var code = int.Parse(result.Stdout[(at + Marker.Length)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return new GetentLookup(code, result.Stdout[..at]);
    }
}
