using Converge.Core.Facts;
using FluentValidation;

namespace Converge.Core.Modules;

/// <summary>The typed base of every module: two methods, and neither reads the run's mode.</summary>
public abstract class Module<TParams> : IModule
    where TParams : class
{
    public abstract string Name { get; }

    public Type ParamsType => typeof(TParams);

    public IValidator? Validator => ParamsValidator;

    /// <summary>The FluentValidation validator beside the params record.</summary>
    protected virtual IValidator<TParams>? ParamsValidator => null;

    public abstract Task<Plan> CheckAsync(ModuleContext context, TParams parameters, CancellationToken ct);

    public abstract Task<ApplyResult> ApplyAsync(ModuleContext context, TParams parameters, Plan plan, CancellationToken ct);

    /// <summary>
    /// The facts <see cref="CheckAsync"/> will read through <see cref="ModuleContext.Facts"/> for these params,
    /// which the runner prefetches in one round trip with the other tasks' facts. Must not touch the host.
    /// </summary>
    public virtual IReadOnlyList<IFact> FactsOf(TParams parameters) => [];

    IReadOnlyList<IFact> IModule.FactsOf(object parameters) => FactsOf((TParams)parameters);

    Task<Plan> IModule.CheckAsync(ModuleContext context, object parameters, CancellationToken ct) =>
        CheckAsync(context, (TParams)parameters, ct);

    Task<ApplyResult> IModule.ApplyAsync(ModuleContext context, object parameters, Plan plan, CancellationToken ct) =>
        ApplyAsync(context, (TParams)parameters, plan, ct);
}
