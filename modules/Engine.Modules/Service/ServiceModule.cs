using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Service;

/// <summary>
/// <c>service</c>: a service is started or stopped (or restarted/reloaded as an action) and enabled or
/// disabled at boot, through systemd when the host runs it, else SysV init scripts. One probe per service.
/// </summary>
public sealed class ServiceModule(InitLayout layout) : WorkModule<ServiceParams, ServiceStatus>
{
    public ServiceModule()
        : this(InitLayout.Default)
    {
    }

    public override string Name => "service";

    protected override IValidator<ServiceParams> ParamsValidator => ParamsValidators.Of<ServiceParamsValidator>();

    /// <summary>The service's status, read in the runner's batch.</summary>
    public override IReadOnlyList<IFact> FactsOf(ServiceParams parameters) => [new ServiceStatusFact(parameters.Name, layout)];

    public override async Task<Plan> CheckAsync(ModuleContext context, ServiceParams parameters, CancellationToken ct)
    {
        var status = await context.Facts.GetAsync(new ServiceStatusFact(parameters.Name, layout), ct);
        return ServicePlanner.PlanFor(parameters, status);
    }

    protected override async Task<ApplyResult> ApplyAsync(ModuleContext context, ServiceParams parameters, Plan plan, ServiceStatus status, CancellationToken ct)
    {
        if (parameters.DaemonReload)
        {
            // After the reload the unit may exist only now (a unit file an earlier task wrote): read it again.
            await HostCommand.RunAsync(context, ServicePlanner.DaemonReload, ct);
            context.Facts.Invalidate<ServiceStatusFact>();
            status = await context.Facts.GetAsync(new ServiceStatusFact(parameters.Name, layout), ct);
        }

        if (parameters.Name is null)
        {
            return ApplyResult.Done($"systemd: {plan.Reason}");
        }

        if (!status.Exists)
        {
            throw new TaskFailedException($"service {parameters.Name} not found: no {status.Source} ({status.Init})");
        }

        try
        {
            foreach (var command in ServicePlanner.Commands(parameters, status, layout))
            {
                await HostCommand.RunAsync(context, command, ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<ServiceStatusFact>();
        }

        // Ansible's service action drops sleep on a systemd host with a warning; say so instead of sleeping silently or not.
        var ignored = parameters.Sleep is not null && status.Init == "systemd" ? " (sleep ignored: systemd restarts in one job, as in Ansible)" : string.Empty;
        return ApplyResult.Done($"service {parameters.Name}: {plan.Reason}{ignored}");
    }
}
