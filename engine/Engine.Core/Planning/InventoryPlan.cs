namespace Converge.Core.Planning;

/// <summary>
/// What a planner computed: extra variables per host (merged above inventory host vars, below play vars)
/// and drawings of the plan for <c>converge graph</c> by format (<c>text</c>, <c>mermaid</c>, <c>dot</c>).
/// </summary>
public sealed record InventoryPlan(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> HostVariables,
    Func<string, string> Draw);
