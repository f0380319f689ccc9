using Converge.Core.Modules;

namespace Converge.Core.Running;

/// <summary>
/// One loop item (or the single run of a task without loop): its plan, what apply did, and the final verdict.
/// <see cref="Predicted"/>: check mode left a drift unapplied, so there is no result to test conditions on.
/// </summary>
internal sealed record ItemRun(bool HasItem, object? Item, Plan Plan, ApplyResult? Applied, bool Changed, IReadOnlyDictionary<string, object?> Registered)
{
    public bool Predicted { get; init; }
}
