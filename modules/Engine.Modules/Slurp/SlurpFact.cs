using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Slurp;

/// <summary>
/// A host file as base64 (coreutils' <c>base64 -w0</c>), so binary files survive the text channel and the read
/// joins the host's probe batch. The file is bounded at 64 MiB (Ansible warns that slurp holds the file in
/// memory twice); a larger one is refused by size before anything is read.
/// </summary>
public sealed class SlurpFact(string path) : Fact<string>
{
    public const long Limit = 64L * 1024 * 1024;

    private const string Script =
        """
        [ -e "$1" ] || { echo "file not found: $1" >&2; exit 3; }
        [ -d "$1" ] && { echo "source is a directory and must be a file: $1" >&2; exit 4; }
        [ -r "$1" ] || { echo "file is not readable: $1" >&2; exit 5; }
        [ "$(stat -L -c %s -- "$1")" -le "$2" ] || { echo "file is larger than $2 bytes: $1" >&2; exit 6; }
        exec base64 -w0 < "$1"
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-slurp", path, Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string Parse(CommandResult result) => result.Succeeded
        ? result.Stdout.Trim()
        : throw new TaskFailedException(result.Stderr.Trim() is { Length: > 0 } why ? why : $"cannot read {path}", Command.CommandLine, result.ExitCode, result.StderrTail());
}
