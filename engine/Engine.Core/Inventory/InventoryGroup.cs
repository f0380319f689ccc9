using Converge.Core.Diagnostics;

namespace Converge.Core.Inventory;

/// <summary>A group while the inventory is being loaded: its edges, direct hosts and inline variables.</summary>
internal sealed class InventoryGroup(string name, int order, SourceSpan span)
{
    public string Name { get; } = name;

    /// <summary>Creation order, which decides the order of groups that become children of <c>all</c>.</summary>
    public int Order { get; } = order;

    public SourceSpan Span { get; } = span;

    public List<InventoryGroup> Children { get; } = [];

    public List<InventoryGroup> Parents { get; } = [];

    public List<InventoryHost> Hosts { get; } = [];

    public Dictionary<string, SourcedValue> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Ansible's <c>ansible_group_priority</c>: among groups of the same depth, a higher priority wins.</summary>
    public int Priority { get; set; } = 1;

    /// <summary>The longest path from <c>all</c>; deeper groups override shallower ones.</summary>
    public int Depth { get; set; }

    /// <summary>This group and every group above it, <c>all</c> included.</summary>
    public IEnumerable<InventoryGroup> SelfAndAncestors()
    {
        var seen = new HashSet<InventoryGroup>();
        var stack = new Stack<InventoryGroup>([this]);
        while (stack.Count > 0)
        {
            var group = stack.Pop();
            if (seen.Add(group))
            {
                yield return group;
                foreach (var parent in group.Parents)
                {
                    stack.Push(parent);
                }
            }
        }
    }

    /// <summary>
    /// Every host of this group and the groups below it in Ansible's inventory order (group.py get_hosts with
    /// <c>_walk_relationship(preserve_ordering=True)</c>): own hosts, then direct children in order, then deeper
    /// levels breadth first. Upstream walks deeper levels through a Python set; here they keep discovery order.
    /// </summary>
    public IEnumerable<InventoryHost> HostsInInventoryOrder()
    {
        var ordered = new List<InventoryGroup> { this };
        ordered.AddRange(Children);
        var seen = new HashSet<InventoryGroup>(Children) { this };
        var level = Children.Distinct().ToList();
        while (level.Count > 0)
        {
            var next = new List<InventoryGroup>();
            foreach (var child in level.SelectMany(g => g.Children))
            {
                if (seen.Add(child))
                {
                    ordered.Add(child);
                    next.Add(child);
                }
            }

            level = next;
        }

        return ordered.SelectMany(g => g.Hosts).Distinct();
    }
}
