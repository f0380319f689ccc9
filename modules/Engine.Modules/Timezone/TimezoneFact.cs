using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Timezone;

/// <summary>In one probe: /etc/timezone's zone, /etc/localtime's link target, whether the zone's zoneinfo file exists, sd_booted(3).</summary>
public sealed class TimezoneFact(string root, string zone, string systemdMarker) : Fact<TimezoneState>
{
    private const string Script =
        """
        [ -r "$1/etc/timezone" ] && echo "configured=$(awk 'NF {print $1; exit}' "$1/etc/timezone")"
        [ -L "$1/etc/localtime" ] && echo "localtime=$(readlink -- "$1/etc/localtime")"
        [ -f "/usr/share/zoneinfo/$2" ] && echo zone=yes
        [ -d "$3" ] && echo systemd=yes
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-timezone", root, zone, systemdMarker);

    public override TimezoneState Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException("cannot read the time zone", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var values = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);
        return new TimezoneState(values.GetValueOrDefault("configured"), values.GetValueOrDefault("localtime"), values.ContainsKey("zone"), values.ContainsKey("systemd"));
    }
}
