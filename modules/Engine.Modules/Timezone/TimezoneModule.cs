using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Timezone;

/// <summary>
/// <c>timezone</c>: <c>timedatectl set-timezone</c> on systemd hosts; elsewhere what Ansible's Debian strategy
/// leaves (it links /etc/localtime and runs dpkg-reconfigure tzdata): /etc/localtime linked to the zone's
/// file and the zone in /etc/timezone, written directly so no debconf is involved. Tests give a root folder.
/// </summary>
public sealed class TimezoneModule(string root, string systemdMarker) : Module<TimezoneParams>
{
    public TimezoneModule()
        : this(string.Empty, "/run/systemd/system")
    {
    }

    public override string Name => "timezone";

    protected override IValidator<TimezoneParams> ParamsValidator => ParamsValidators.Of<TimezoneParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(TimezoneParams parameters) => [FactOf(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, TimezoneParams parameters, CancellationToken ct)
    {
        var zone = parameters.Name!;
        var state = await context.Facts.GetAsync(FactOf(parameters), ct);
        if (!state.ZoneExists)
        {
            throw new TaskFailedException($"timezone: {zone} is not a time zone on this host (no /usr/share/zoneinfo/{zone}; is tzdata installed?)");
        }

        var target = "/usr/share/zoneinfo/" + zone;
        var changes = new List<Change>();
        if (state.Configured != zone)
        {
            changes.Add(new Change("timezone: /etc/timezone", state.Configured, zone));
        }

        if (state.LocaltimeTarget != target)
        {
            changes.Add(new Change("timezone: /etc/localtime", state.LocaltimeTarget, target));
        }

        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["diff"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["before"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = state.Configured },
                ["after"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = zone },
            },
        };
        return changes.Count == 0
            ? Plan.InSync($"the time zone is {zone}") with { Output = output }
            : Plan.Drift(changes, $"time zone {state.Configured ?? "(unset)"} → {zone}") with { State = state, Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, TimezoneParams parameters, Plan plan, CancellationToken ct)
    {
        var state = plan.State as TimezoneState ?? throw new TaskFailedException("timezone: apply was given a plan this module did not make");
        var zone = parameters.Name!;
        try
        {
            if (state.Systemd && root.Length == 0)
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("timedatectl", "set-timezone", zone), ct);
            }
            else
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("ln", "-sfn", "/usr/share/zoneinfo/" + zone, root + "/etc/localtime"), ct);
                await context.Connection.WriteFileAsync(root + "/etc/timezone", Encoding.UTF8.GetBytes(zone + "\n"), new FileWriteOptions { Mode = state.Configured is null ? 0b110_100_100 : null }, ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<TimezoneFact>();
        }

        return new ApplyResult(plan.Reason) { Output = plan.Output };
    }

    private TimezoneFact FactOf(TimezoneParams parameters) => new(root, parameters.Name ?? string.Empty, systemdMarker);
}
