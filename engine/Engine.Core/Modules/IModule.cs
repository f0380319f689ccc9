using Converge.Core.Facts;
using FluentValidation;

namespace Converge.Core.Modules;

/// <summary>
/// A module: a params type with its validator, a check that reads the host and returns a <see cref="Plan"/>,
/// and an apply that the runner calls only in apply mode and only on drift. See <see cref="Module{TParams}"/>.
/// </summary>
public interface IModule
{
    /// <summary>The kebab-case name used as the task key, e.g. <c>write-interfaces</c>.</summary>
    string Name { get; }

    /// <summary>The sealed params record bound strictly from YAML.</summary>
    Type ParamsType { get; }

    /// <summary>Validates bound params at load time; null when the binder's checks suffice.</summary>
    IValidator? Validator { get; }

    Task<Plan> CheckAsync(ModuleContext context, object parameters, CancellationToken ct);

    /// <summary>
    /// The facts the check will read through <see cref="ModuleContext.Facts"/> for these bound params, so
    /// the runner can read those of many tasks in one round trip before they run. Only a hint: a fact left
    /// out is read when the check asks for it, and one declared but not read costs one probe in the batch.
    /// </summary>
    IReadOnlyList<IFact> FactsOf(object parameters) => [];

    Task<ApplyResult> ApplyAsync(ModuleContext context, object parameters, Plan plan, CancellationToken ct);
}
