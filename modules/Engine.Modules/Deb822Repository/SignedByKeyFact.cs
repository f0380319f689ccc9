using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Deb822Repository;

/// <summary>
/// A <c>signed_by</c> URL fetched by the host with curl (as Ansible's module fetches it on the host), streamed back as
/// base64 so a binary keyring survives the text channel; nothing is written on the host. Bounded at 1 MiB: a key is small.
/// </summary>
public sealed class SignedByKeyFact(string url) : Fact<byte[]>
{
    private const string Script =
        """
        command -v curl >/dev/null || { echo "deb822_repository needs curl on the host to fetch signed_by $1" >&2; exit 9; }
        exec 3>&1
        code=$( { curl -sS -L --max-filesize 1048576 -o - -w '%{stderr}%{http_code}' -- "$1" | base64 -w0 >&3; } 2>&1 )
        case $code in *2[0-9][0-9]) ;; *) echo "Could not fetch signed_by key: HTTP Error ${code##*[!0-9]}: $1" >&2; exit 4;; esac
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-signed-by", url) with { Timeout = TimeSpan.FromMinutes(2) };

    public override byte[] Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException(result.Stderr.Trim() is { Length: > 0 } why ? why : $"Could not fetch signed_by key: {url}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return Convert.FromBase64String(result.Stdout.Trim());
    }
}
