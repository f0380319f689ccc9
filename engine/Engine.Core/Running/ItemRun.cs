using Converge.Core.Modules;

namespace Converge.Core.Running;

/// <summary>
/// One loop item (or the single run of a task without loop): its plan, what apply did, and the final verdict.
/// <see cref="Predicted"/>: check mode left a drift unapplied, so there is no result to test conditions on.
/// </summary>
internal sealed record ItemRun(LoopItem Loop, Plan Plan, ApplyResult? Applied, bool Changed, IReadOnlyDictionary<string, object?> Registered)
{
    public bool HasItem => Loop.HasItem;

    /// <summary>The item's <c>when</c> was false: it did not run.</summary>
    public bool WasSkipped { get; init; }

    /// <summary>An item whose <c>when</c> is false, with the result Ansible registers for it.</summary>
    public static ItemRun Skipped(LoopItem loop, string condition) =>
        new(loop, Plan.InSync($"skipped: when '{condition}' is false"), null, false, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["changed"] = false,
            ["skip_reason"] = "Conditional result was False",
            ["skipped"] = true,
        })
        { WasSkipped = true };

    public bool Predicted { get; init; }
}
