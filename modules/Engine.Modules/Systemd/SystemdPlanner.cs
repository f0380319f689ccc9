using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;

namespace Converge.Modules.Systemd;

/// <summary>
/// The pure half of <c>systemd</c>: the plan from params and the unit's state, and the commands in
/// Ansible's order (daemon-reexec, daemon-reload, mask/unmask, enable/disable, then the state action).
/// daemon-reload, daemon-reexec, restarted and reloaded are actions, so each is always a change.
/// </summary>
public static class SystemdPlanner
{
    /// <summary>Fails, naming what the host runs, when systemd is not PID 1: nothing here can work there.</summary>
    public static void RequireSystemd(SystemdUnit unit, string marker)
    {
        if (!unit.Booted)
        {
            var pid1 = unit.Pid1.Length == 0 ? "an unknown init" : $"'{unit.Pid1}'";
            throw new TaskFailedException(
                $"systemd: this host does not run systemd (PID 1 is {pid1} and {marker} does not exist); use the service module, which drives SysV init scripts there");
        }
    }

    public static Plan PlanFor(SystemdParams parameters, SystemdUnit unit)
    {
        var changes = new List<Change>();
        if (parameters.DaemonReexec)
        {
            changes.Add(new Change("systemd: daemon-reexec", null, "run"));
        }

        if (parameters.DaemonReload)
        {
            changes.Add(new Change("systemd: daemon-reload", null, "run"));
        }

        var assumed = false;
        if (parameters.Name is not null)
        {
            var wantsUnit = parameters.State is "started" or "restarted" or "reloaded" || parameters.Enabled is true || parameters.Masked is false && unit.Masked;
            if (!unit.Exists && wantsUnit)
            {
                // DESIGN.md: a unit an earlier task installs (or this task's daemon-reload brings in) is planned
                // against the predicted state and labelled assumed; apply fails if it is still missing then.
                assumed = true;
            }

            changes.AddRange(UnitChanges(parameters, unit));
        }

        var output = Output(parameters, unit);
        if (changes.Count == 0)
        {
            return Plan.InSync(parameters.Name is null ? "nothing to do" : unit.Describe()) with { Output = output };
        }

        return Plan.Drift(changes, assumed ? $"{unit.Describe()}; assuming an earlier task installs it" : null) with
        {
            Assumed = assumed,
            State = unit,
            Output = output,
        };
    }

    private static IEnumerable<Change> UnitChanges(SystemdParams parameters, SystemdUnit unit)
    {
        var subject = unit.Unit;
        if (parameters.Masked is { } masked && masked != unit.Masked)
        {
            yield return new Change($"{subject}: masked", YesNo(unit.Masked), YesNo(masked));
        }

        if (parameters.Enabled is { } enabled && enabled != unit.Enabled && (unit.Exists || enabled))
        {
            yield return new Change($"{subject}: enabled", YesNo(unit.Enabled), YesNo(enabled));
        }

        var running = unit.Running ? "running" : "stopped";
        var after = parameters.State switch
        {
            "started" when !unit.Running => "started",
            "stopped" when unit.Running => "stopped",
            "restarted" => "restarted",
            "reloaded" => unit.Running ? "reloaded" : "started",
            _ => null,
        };
        if (after is not null)
        {
            yield return new Change($"{subject}: state", running, after);
        }
    }

    /// <summary>The unit's commands against its state read after any daemon-reload, in Ansible's order.</summary>
    public static IReadOnlyList<CommandSpec> UnitCommands(SystemdParams parameters, SystemdUnit unit)
    {
        var commands = new List<CommandSpec>();
        if (parameters.Name is null)
        {
            return commands;
        }

        if (parameters.Masked is { } masked && masked != unit.Masked)
        {
            commands.Add(Systemctl(parameters, masked ? "mask" : "unmask", force: true));
        }

        if (parameters.Enabled is { } enabled && enabled != unit.Enabled && (unit.Exists || enabled))
        {
            commands.Add(Systemctl(parameters, enabled ? "enable" : "disable", force: true));
        }

        var verb = parameters.State switch
        {
            "started" when !unit.Running => "start",
            "stopped" when unit.Running => "stop",
            "restarted" => "restart",
            "reloaded" => unit.Running ? "reload" : "start",
            _ => null,
        };
        if (verb is not null)
        {
            commands.Add(Systemctl(parameters, verb, force: false));
        }

        return commands;
    }

    public static CommandSpec Systemctl(SystemdParams parameters, string verb, bool force)
    {
        var arguments = new List<string> { "--" + parameters.Scope };
        if (parameters.NoBlock && verb is "start" or "stop" or "restart" or "reload")
        {
            arguments.Add("--no-block");
        }

        if (force && parameters.Force)
        {
            arguments.Add("--force");
        }

        arguments.Add(verb);
        if (parameters.Name is not null && verb is not ("daemon-reload" or "daemon-reexec"))
        {
            arguments.Add("--");
            arguments.Add(SystemdUnitFact.UnitOf(parameters.Name)!);
        }

        return new CommandSpec("systemctl", arguments);
    }

    /// <summary>Ansible's return values: name, state, enabled and the unit's status properties.</summary>
    private static IReadOnlyDictionary<string, object?> Output(SystemdParams parameters, SystemdUnit unit) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = parameters.Name,
            ["state"] = parameters.State ?? (unit.Running ? "started" : "stopped"),
            ["enabled"] = parameters.Enabled ?? unit.Enabled,
            ["status"] = unit.Status(),
        };

    private static string YesNo(bool value) => value ? "yes" : "no";
}
