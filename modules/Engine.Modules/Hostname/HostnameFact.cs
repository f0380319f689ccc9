using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Hostname;

/// <summary>The kernel's host name (<c>/proc/sys/kernel/hostname</c>), the first line of the hostname file, and sd_booted(3), in one probe.</summary>
public sealed class HostnameFact(string hostnameFile, string systemdMarker) : Fact<HostnameState>
{
    private const string Script =
        """
        echo "current=$(cat /proc/sys/kernel/hostname)" || exit 2
        [ -e "$1" ] && echo "permanent=$(head -n 1 -- "$1")"
        [ -d "$2" ] && echo systemd=yes
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-hostname", hostnameFile, systemdMarker);

    public override HostnameState Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException("cannot read the host name", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var values = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);
        return new HostnameState(values.GetValueOrDefault("current") ?? string.Empty, values.GetValueOrDefault("permanent"), values.ContainsKey("systemd"));
    }
}
