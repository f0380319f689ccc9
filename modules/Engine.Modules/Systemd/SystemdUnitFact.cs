using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Systemd;

/// <summary>
/// One probe: PID 1's name, whether systemd is booted (sd_booted(3)), and the unit's load, active, sub and
/// unit-file states from <c>systemctl show</c> in the given scope (<c>--global</c> has no manager to show,
/// so only <c>is-enabled</c>). With no unit only the first two lines are printed.
/// </summary>
public sealed class SystemdUnitFact(string? unit, string scope, string systemdMarker) : Fact<SystemdUnit>
{
    private const string Script =
        """
        echo "pid1=$(cat /proc/1/comm 2>/dev/null)"
        if [ -d "$1" ]; then echo booted=yes; else echo booted=no; exit 0; fi
        [ -n "$2" ] || exit 0
        if [ "$3" = global ]; then
          echo "UnitFileState=$(systemctl --global is-enabled -- "$2" 2>/dev/null)"
        else
          systemctl "--$3" show -p LoadState -p ActiveState -p SubState -p UnitFileState -- "$2" || exit 2
        fi
        """;

    /// <summary>The full unit name: as given when it has a unit suffix, else <c>NAME.service</c>.</summary>
    public static string? UnitOf(string? name) =>
        name is null ? null : name.Contains('.', StringComparison.Ordinal) ? name : name + ".service";

    public override CommandSpec Command => CommandSpec.Probe("/bin/sh", "-c", Script, "converge-systemd-fact", systemdMarker, UnitOf(unit) ?? string.Empty, scope)
        with { Timeout = TimeSpan.FromSeconds(60) };

    public override SystemdUnit Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the state of unit {UnitOf(unit)}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var values = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        string Get(string key) => values.GetValueOrDefault(key) ?? string.Empty;

        return new SystemdUnit(UnitOf(unit) ?? string.Empty, Get("pid1"), Get("booted") == "yes", Get("LoadState"), Get("ActiveState"), Get("SubState"), Get("UnitFileState"));
    }
}
