using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Apt;

/// <summary>
/// <c>apt</c>, Ansible's package module for Debian-family hosts: packages present, pinned, latest or absent,
/// a <c>.deb</c> on the host, upgrade, autoremove, build-dep and fixed. The check reads every package's state,
/// the cache's age and apt-get's simulations in the host's one probe batch; the apply waits for the dpkg lock
/// (<c>lock_timeout</c>) and runs apt-get non-interactively. See <see cref="AptPlanner"/>.
/// </summary>
public sealed partial class AptModule : Module<AptParams>
{
    public override string Name => "apt";

    protected override IValidator<AptParams> ParamsValidator => ParamsValidators.Of<AptParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(AptParams parameters) => AptFacts.Of(parameters).All;

    public override async Task<Plan> CheckAsync(ModuleContext context, AptParams parameters, CancellationToken ct)
    {
        var facts = AptFacts.Of(parameters);
        var reads = new AptPlanner.Reads(
            await context.Facts.GetAsync(facts.Status, ct),
            facts.Deb is null ? null : await context.Facts.GetAsync(facts.Deb, ct),
            await SimulateAsync(context, facts.Upgrade, ct),
            await SimulateAsync(context, facts.BuildDep, ct),
            await SimulateAsync(context, facts.Fix, ct),
            await SimulateAsync(context, facts.Autoremove, ct));
        return AptPlanner.Plan(parameters, reads);
    }

    private static async Task<AptSimulation?> SimulateAsync(ModuleContext context, AptSimulationFact? fact, CancellationToken ct) =>
        fact is null ? null : await context.Facts.GetAsync(fact, ct);

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, AptParams parameters, Plan plan, CancellationToken ct)
    {
        var work = plan.State as AptWork ?? throw new TaskFailedException("apt: apply was given a plan this module did not make");
        var run = new AptRun(context, parameters);
        await run.WaitForLockAsync(ct);
        try
        {
            await run.ExecuteAsync(work, ct);
        }
        finally
        {
            context.Facts.InvalidateAll();
        }

        var status = await context.Facts.GetAsync(AptFacts.Of(parameters).Status, ct);
        var output = AptPlanner.Output(work.RefreshCache, status.CacheAgeSeconds);
        output["stdout"] = run.Stdout;
        output["stderr"] = run.Stderr;
        return new ApplyResult($"apt: {plan.Reason}{run.Waited}") { Output = output };
    }
}
