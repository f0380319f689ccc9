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

    /// <summary>The item failed: the result Ansible registers for it.</summary>
    public bool HasFailed { get; init; }

    /// <summary>An item that failed, with its result as register stores it.</summary>
    public static ItemRun Failed(LoopItem loop, Diagnostics.TaskFailedException error) =>
        new(loop, Plan.InSync(error.Message), null, false, RegisteredResult.Of(null, null, failed: true, error.Message, error.Output, error.ExitCode, error.StderrTail))
        { HasFailed = true };

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
