using Converge.Core.Diagnostics;

namespace Converge.Core.Modules;

/// <summary>
/// A module whose check computes work for its apply (rendered content, packages to install): the check returns
/// <c>Plan.Drift(...) with { State = work }</c> and the apply receives the work typed, so no module casts the
/// payload; a plan that carries none (one this module did not make) is refused in one place.
/// </summary>
/// <typeparam name="TParams">The params record.</typeparam>
/// <typeparam name="TWork">What the check hands to the apply.</typeparam>
public abstract class WorkModule<TParams, TWork> : Module<TParams>
    where TParams : class
    where TWork : class
{
    public sealed override Task<ApplyResult> ApplyAsync(ModuleContext context, TParams parameters, Plan plan, CancellationToken ct) =>
        ApplyAsync(context, parameters, plan, plan.State as TWork ?? throw new TaskFailedException($"{Name}: apply was given a plan this module did not make"), ct);

    /// <summary>Applies the drift the check found, with the work it computed.</summary>
    protected abstract Task<ApplyResult> ApplyAsync(ModuleContext context, TParams parameters, Plan plan, TWork work, CancellationToken ct);
}
