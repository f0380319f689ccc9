using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.KnownHosts;

/// <summary>
/// The known_hosts file with <c>~/</c> resolved against the login user's <c>$HOME</c>: the first line of the
/// output is the resolved path, then <c>absent</c> or <c>present</c> and the text.
/// </summary>
public sealed class KnownHostsFact(string path) : Fact<KnownHostsFile>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe(
        "/bin/sh", "-c", "p=$1; case $p in '~/'*) p=$HOME/${p#'~/'};; esac; printf '%s\\n' \"$p\"; if [ -e \"$p\" ]; then echo present; exec cat -- \"$p\"; else echo absent; fi",
        "converge-known-hosts", path);

    public override KnownHostsFile Parse(CommandResult result)
    {
        var lines = result.Stdout.Split('\n', 3);
        if (!result.Succeeded || lines.Length < 2)
        {
            throw new TaskFailedException($"cannot read {path}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return new KnownHostsFile(lines[0], lines[1] == "present" ? (lines.Length > 2 ? lines[2] : string.Empty) : null);
    }
}
