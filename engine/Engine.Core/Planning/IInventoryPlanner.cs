using Converge.Core.Diagnostics;

namespace Converge.Core.Planning;

/// <summary>
/// A domain planner that reads inventory variables (e.g. the network <c>mesh</c> definition), validates
/// them as a whole before any host is contacted, and expands them into per-host variables.
/// Core knows only this contract; concrete planners live beside the modules.
/// </summary>
public interface IInventoryPlanner
{
    /// <summary>A short name, e.g. <c>mesh</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Plans from the resolved variables of every host (host name → variables, in inventory order).
    /// Returns null when the inventory does not use this planner. Problems go to <paramref name="diagnostics"/>
    /// with the span from <paramref name="originOf"/>(host, variable) and messages naming hosts and values.
    /// </summary>
    InventoryPlan? Plan(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> hostVariables,
        Func<string, string, SourceSpan> originOf,
        DiagnosticBag diagnostics);
}
