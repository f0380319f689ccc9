using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.AptKey;

/// <summary>
/// The key apt_key installs when it comes from the host: a file on the host, or a URL the host fetches with curl (a read
/// that writes nothing), returned base64-encoded so binary keys survive the transport.
/// </summary>
public sealed class KeySourceFact(string? file, string? url) : Fact<byte[]>
{
    private const string Script =
        """
        if [ -n "$1" ]; then base64 -w0 -- "$1"
        else
          command -v curl >/dev/null || { echo "curl is not installed on the host" >&2; exit 5; }
          { curl -fsSL --max-time 30 -- "$2" || echo "converge: the download failed" >&2; } | base64 -w0
        fi
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-apt-key-source", file ?? string.Empty, url ?? string.Empty);

    public override byte[] Parse(CommandResult result)
    {
        if (!result.Succeeded || result.Stderr.Contains("converge: the download failed", StringComparison.Ordinal))
        {
            throw new TaskFailedException($"cannot read the key from {file ?? url}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return Convert.FromBase64String(result.Stdout.Trim());
    }
}
