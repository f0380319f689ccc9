using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Service;

/// <summary>
/// A service's status in one probe: the init system (systemd or SysV), then for systemd
/// <c>systemctl show</c>'s load, active and unit-file states; for SysV whether the script exists, the
/// exit code of its <c>status</c> action (LSB: 0 running, 3 stopped) and its start links in rc2-5.d.
/// Without a name (a task that only asks for daemon_reload) only the init system is read.
/// </summary>
public sealed class ServiceStatusFact(string? name, InitLayout layout) : Fact<ServiceStatus>
{
    private const string Script =
        """
        if [ -d "$3" ]; then
          echo init=systemd
          [ -n "$1" ] || exit 0
          systemctl show -p LoadState -p ActiveState -p UnitFileState -- "$2" || exit 2
        else
          echo init=sysv
          [ -n "$1" ] || exit 0
          if [ -x "$4/$1" ]; then
            echo exists=yes
            "$4/$1" status >/dev/null 2>&1 </dev/null; echo status=$?
          else
            echo exists=no
          fi
          for f in "$5"/rc[2345].d/S*; do
            case "${f##*/}" in S[0-9][0-9]"$1") echo "start_link=$f" ;; esac
          done
        fi
        """;

    private static readonly HashSet<string> EnabledStates = ["enabled", "enabled-runtime", "static", "alias", "indirect", "generated"];

    private static readonly HashSet<string> RunningStates = ["active", "activating", "reloading"];

    public string Name => name ?? string.Empty;

    /// <summary>The systemd unit: the name as given when it has a unit suffix, else <c>NAME.service</c>.</summary>
    public string Unit => name is null ? string.Empty : name.Contains('.', StringComparison.Ordinal) ? name : name + ".service";

    public override CommandSpec Command => CommandSpec.Probe("/bin/sh", "-c", Script, "converge-service-fact", Name, Unit, layout.SystemdMarker, layout.InitDirectory, layout.RcRoot)
        with { Timeout = TimeSpan.FromSeconds(60) };

    public override ServiceStatus Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the status of service {name}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var values = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToLookup(p => p[0], p => p[1], StringComparer.Ordinal);
        string Get(string key) => values[key].FirstOrDefault() ?? string.Empty;

        if (Get("init") == "systemd")
        {
            return new ServiceStatus(Name, "systemd", Get("LoadState") is not ("not-found" or ""), RunningStates.Contains(Get("ActiveState")), EnabledStates.Contains(Get("UnitFileState")))
            {
                Source = Unit,
            };
        }

        return new ServiceStatus(Name, "sysv", Get("exists") == "yes", Get("status") == "0", values["start_link"].Any())
        {
            Source = $"{layout.InitDirectory}/{name}",
        };
    }
}
