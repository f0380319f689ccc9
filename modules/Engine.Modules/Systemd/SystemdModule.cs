using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using Converge.Modules.Service;
using FluentValidation;

namespace Converge.Modules.Systemd;

/// <summary>
/// <c>systemd</c> and <c>systemd_service</c> (the same module under Ansible's two names): a unit's
/// running state, enablement and mask, and daemon-reload/reexec. One probe per unit; a host that does not
/// run systemd fails the check naming what it runs instead.
/// </summary>
public sealed class SystemdModule(string name, InitLayout layout) : Module<SystemdParams>
{
    public SystemdModule(string name)
        : this(name, InitLayout.Default)
    {
    }

    public override string Name => name;

    protected override IValidator<SystemdParams> ParamsValidator => ParamsValidators.Of<SystemdParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(SystemdParams parameters) => [FactOf(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, SystemdParams parameters, CancellationToken ct)
    {
        var unit = await context.Facts.GetAsync(FactOf(parameters), ct);
        SystemdPlanner.RequireSystemd(unit, layout.SystemdMarker);
        return SystemdPlanner.PlanFor(parameters, unit);
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, SystemdParams parameters, Plan plan, CancellationToken ct)
    {
        try
        {
            if (parameters.DaemonReexec)
            {
                await HostCommand.RunAsync(context, SystemdPlanner.Systemctl(parameters, "daemon-reexec", force: false), ct);
            }

            if (parameters.DaemonReload)
            {
                await HostCommand.RunAsync(context, SystemdPlanner.Systemctl(parameters, "daemon-reload", force: false), ct);
            }

            // After a reload the unit may exist only now: plan its commands against what systemd says at this point.
            context.Facts.Invalidate<SystemdUnitFact>();
            var unit = await context.Facts.GetAsync(FactOf(parameters), ct);
            if (parameters.Name is not null && !unit.Exists && plan.Assumed)
            {
                throw new TaskFailedException($"systemd: unit {unit.Unit} not found");
            }

            foreach (var command in SystemdPlanner.UnitCommands(parameters, unit))
            {
                await HostCommand.RunAsync(context, command, ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<SystemdUnitFact>();
            context.Facts.Invalidate<ServiceStatusFact>();
        }

        return ApplyResult.Done($"{parameters.Name ?? "systemd"}: {plan.Reason}");
    }

    private SystemdUnitFact FactOf(SystemdParams parameters) => new(parameters.Name, parameters.Scope, layout.SystemdMarker);
}
