using Converge.Core.Diagnostics;

namespace Converge.Core.Inventory;

/// <summary>A host while the inventory is being loaded: where it was first defined, its groups and inline variables.</summary>
internal sealed class InventoryHost(string name, int order, SourceSpan span)
{
    public string Name { get; } = name;

    public int Order { get; } = order;

    public SourceSpan Span { get; } = span;

    /// <summary>The groups the host was put in directly (not their ancestors).</summary>
    public List<InventoryGroup> Groups { get; } = [];

    public Dictionary<string, SourcedValue> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Every group the host belongs to, ancestors and <c>all</c> included.</summary>
    public HashSet<InventoryGroup> AllGroups() => [.. Groups.SelfAndAncestorsOfAll()];
}
