using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Command;

namespace Converge.Modules.Service;

/// <summary>
/// The pure half of <c>service</c>: the plan from params and status, and the commands that carry it out.
/// <c>restarted</c> and <c>reloaded</c> are actions, so they are always a change (use them in handlers), and so is
/// <c>daemon_reload</c> on a systemd host, as in Ansible's systemd module to which its service action hands it.
/// </summary>
public static class ServicePlanner
{
    public static Plan PlanFor(ServiceParams parameters, ServiceStatus status)
    {
        RequireInit(parameters, status);
        var plan = PlanChanges(parameters, status);
        return plan with { Output = Output(parameters, status) };
    }

    /// <summary>A <c>use</c> that names another init system than the host runs is an error, not a silent switch.</summary>
    private static void RequireInit(ServiceParams parameters, ServiceStatus status)
    {
        var wanted = parameters.Use switch
        {
            "systemd" => "systemd",
            "sysvinit" or "service" => "sysv",
            _ => status.Init,
        };
        if (wanted != status.Init)
        {
            throw new TaskFailedException($"service: use is {parameters.Use}, but this host runs {status.Init}");
        }

        if (parameters.DaemonReload && status.Init != "systemd")
        {
            // Ansible's service action passes daemon_reload on to its sysvinit module, which rejects it as unsupported.
            throw new TaskFailedException($"service: daemon_reload is systemd's, but this host runs {status.Init} init (there is no daemon to reload)");
        }
    }

    /// <summary>Ansible's return values: name, state and enabled as they are after the task.</summary>
    private static IReadOnlyDictionary<string, object?> Output(ServiceParams parameters, ServiceStatus status) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = parameters.Name,
            ["state"] = parameters.State ?? (status.Running ? "started" : "stopped"),
            ["enabled"] = parameters.Enabled ?? status.Enabled,
        };

    private static Plan PlanChanges(ServiceParams parameters, ServiceStatus status)
    {
        var reload = parameters.DaemonReload ? new Change("systemd: daemon-reload", null, "run") : null;
        if (parameters.Name is null)
        {
            return Plan.Drift(reload!) with { State = status };
        }

        var subject = $"service {parameters.Name}";
        if (!status.Exists)
        {
            if (parameters.State is "stopped" or null && parameters.Enabled is not true)
            {
                return Plan.InSync($"{status.Describe()}, so it is neither running nor enabled");
            }

            // DESIGN.md: a service whose package an earlier task installs is planned against the predicted
            // state and labelled assumed; if it is still missing at apply time, apply fails.
            var want = string.Join(", ", new[] { parameters.State, parameters.Enabled is true ? "enabled" : null }.OfType<string>());
            Change[] missing = [.. reload is null ? [] : new[] { reload }, new Change(subject, "not installed", want)];
            return Plan.Drift(missing, $"{status.Describe()}; assuming an earlier task installs it")
                with { Assumed = true, State = status };
        }

        var changes = reload is null ? new List<Change>() : [reload];
        var running = status.Running ? "running" : "stopped";
        switch (parameters.State)
        {
            case "started" when !status.Running:
                changes.Add(new Change($"{subject}: state", running, "started"));
                break;
            case "stopped" when status.Running:
                changes.Add(new Change($"{subject}: state", running, "stopped"));
                break;
            case "restarted":
                changes.Add(new Change($"{subject}: state", running, "restarted"));
                break;
            case "reloaded":
                changes.Add(new Change($"{subject}: state", running, status.Running ? "reloaded" : "started"));
                break;
        }

        if (parameters.Enabled is { } enabled && enabled != status.Enabled)
        {
            changes.Add(new Change($"{subject}: enabled", status.Enabled ? "yes" : "no", enabled ? "yes" : "no"));
        }

        return changes.Count == 0
            ? Plan.InSync(status.Describe())
            : Plan.Drift(changes) with { State = status };
    }

    /// <summary>systemd's daemon-reload, run before the service's own commands (which are planned against the status read after it).</summary>
    public static CommandSpec DaemonReload { get; } = CommandSpec.Change("systemctl", "daemon-reload");

    /// <summary>The commands for a drift plan, in order: the state action, then enable/disable.</summary>
    public static IReadOnlyList<CommandSpec> Commands(ServiceParams parameters, ServiceStatus status, InitLayout layout)
    {
        var commands = new List<CommandSpec>();
        if (parameters.Name is null)
        {
            return commands;
        }

        var verb = parameters.State switch
        {
            "started" when !status.Running => "start",
            "stopped" when status.Running => "stop",
            "restarted" => "restart",
            "reloaded" => status.Running ? "reload" : "start",
            _ => null,
        };
        var unit = new ServiceStatusFact(parameters.Name, layout).Unit;
        var script = $"{layout.InitDirectory}/{parameters.Name}";
        if (verb == "restart" && status.Init == "sysv" && parameters.Sleep is { } seconds)
        {
            commands.Add(StopSleepStart(script, seconds, Words(parameters.Arguments)));
        }
        else if (verb is not null)
        {
            commands.Add(status.Init == "systemd"
                ? CommandSpec.Change("systemctl", verb, unit)
                : CommandSpec.Change(script, [verb, .. Words(parameters.Arguments)]));
        }

        if (parameters.Enabled is { } enabled && enabled != status.Enabled)
        {
            commands.Add(status.Init == "systemd"
                ? CommandSpec.Change("systemctl", enabled ? "enable" : "disable", unit)
                : SysVEnable(parameters.Name, enabled));
        }

        return commands;
    }

    /// <summary>
    /// Ansible's SysV restart with <c>sleep</c> (LinuxService.service_control): stop, sleep, start, where a stop that
    /// fails (the service was not running) does not fail the task when the start succeeds, so the exit status is the start's.
    /// </summary>
    private static CommandSpec StopSleepStart(string script, long seconds, IReadOnlyList<string> arguments) =>
        CommandSpec.Change(
            "/bin/sh",
            ["-c", "script=$1; seconds=$2; shift 2; \"$script\" stop \"$@\"; sleep \"$seconds\"; exec \"$script\" start \"$@\"", "converge-service", script, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments]);

    private static IReadOnlyList<string> Words(string? arguments) => arguments is null ? [] : CommandLineWords.Split(arguments);

    /// <summary>Debian's update-rc.d (defaults creates the links, enable/disable turns S links into K links), else chkconfig.</summary>
    private static CommandSpec SysVEnable(string name, bool enable) =>
        CommandSpec.Change(
            "/bin/sh",
            "-c",
            enable
                ? "if command -v update-rc.d >/dev/null; then update-rc.d \"$1\" defaults && update-rc.d \"$1\" enable; else chkconfig \"$1\" on; fi"
                : "if command -v update-rc.d >/dev/null; then update-rc.d \"$1\" disable; else chkconfig \"$1\" off; fi",
            "converge-service",
            name);
}
