using System.Globalization;
using Converge.Core.Diagnostics;

namespace Converge.Core.Inventory;

/// <summary>
/// The mutable inventory the parsers fill, modelled on Ansible's <c>InventoryData</c> so that merging several
/// sources, the implicit <c>all</c>/<c>ungrouped</c> groups and group depths behave the same.
/// </summary>
internal sealed partial class InventoryBuilder
{
    public const string All = "all";
    public const string Ungrouped = "ungrouped";

    private readonly Dictionary<string, InventoryGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InventoryHost> _hosts = new(StringComparer.Ordinal);

    public InventoryBuilder(DiagnosticBag diagnostics)
    {
        Diagnostics = diagnostics;
        var all = AddGroup(All, SourceSpan.None);
        AddChild(all, AddGroup(Ungrouped, SourceSpan.None), SourceSpan.None);
    }

    public DiagnosticBag Diagnostics { get; }

    public IEnumerable<InventoryGroup> Groups => _groups.Values.OrderBy(g => g.Order);

    public IEnumerable<InventoryHost> Hosts => _hosts.Values.OrderBy(h => h.Order);

    public InventoryGroup AllGroup => _groups[All];

    public bool HasGroup(string name) => _groups.ContainsKey(name);

    public InventoryGroup? FindGroup(string name) => _groups.GetValueOrDefault(name);

    public InventoryGroup AddGroup(string name, SourceSpan span)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            group = new InventoryGroup(name, _groups.Count, span);
            _groups.Add(name, group);
        }

        return group;
    }

    /// <summary>Adds a host (once) and puts it in <paramref name="group"/>; a port applies only where the host is first defined, as in Ansible.</summary>
    public InventoryHost AddHost(string name, InventoryGroup? group, long? port, SourceSpan span)
    {
        if (!_hosts.TryGetValue(name, out var host))
        {
            host = new InventoryHost(name, _hosts.Count, span);
            _hosts.Add(name, host);
            if (port is not null)
            {
                host.Variables["ansible_port"] = new SourcedValue(port.Value, span);
            }
        }

        if (group is not null && !group.Hosts.Contains(host))
        {
            group.Hosts.Add(host);
            host.Groups.Add(group);
        }

        return host;
    }

    /// <summary>Makes <paramref name="child"/> a child of <paramref name="parent"/>; a cycle is a diagnostic and is not added.</summary>
    public void AddChild(InventoryGroup parent, InventoryGroup child, SourceSpan span)
    {
        if (parent.Children.Contains(child))
        {
            return;
        }

        if (parent == child || parent.SelfAndAncestors().Contains(child))
        {
            Diagnostics.Add(span, $"group '{child.Name}' cannot be a child of '{parent.Name}': '{parent.Name}' is already inside '{child.Name}', which would make a cycle");
            return;
        }

        parent.Children.Add(child);
        child.Parents.Add(parent);
    }

    public void SetVariable(InventoryGroup group, string key, object? value, SourceSpan span)
    {
        // Ansible stores the group priority on the group, not as a variable (inventory/group.py set_variable).
        if (key == "ansible_group_priority")
        {
            var priority = value switch
            {
                long l => (int?)l,
                string s when int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) => p,
                _ => null,
            };
            if (priority is null)
            {
                Diagnostics.Add(span, $"ansible_group_priority of group '{group.Name}' must be an integer, not '{value}'");
            }
            else
            {
                group.Priority = priority.Value;
            }

            return;
        }

        group.Variables[key] = new SourcedValue(value, span);
    }

    public static void SetVariable(InventoryHost host, string key, object? value, SourceSpan span) =>
        host.Variables[key] = new SourcedValue(value, span);

    /// <summary>
    /// Ansible's <c>reconcile_inventory</c>: every group without a parent becomes a child of <c>all</c>, a host
    /// in no group but <c>all</c> joins <c>ungrouped</c>, and a host in another group leaves <c>ungrouped</c>.
    /// Then depths are computed as the longest path from <c>all</c>.
    /// </summary>
    public void Reconcile()
    {
        var all = AllGroup;
        var ungrouped = _groups[Ungrouped];
        foreach (var group in Groups.Where(g => g != all && g.Parents.Count == 0).ToList())
        {
            AddChild(all, group, group.Span);
        }

        foreach (var host in Hosts)
        {
            var groups = host.AllGroups();
            if (groups.Contains(ungrouped))
            {
                if (groups.Any(g => g != all && g != ungrouped))
                {
                    ungrouped.Hosts.Remove(host);
                    host.Groups.Remove(ungrouped);
                }
            }
            else if (host.Groups.All(g => g == all))
            {
                AddHost(host.Name, ungrouped, null, host.Span);
            }
        }

        ComputeDepths(all);
    }

    private static void ComputeDepths(InventoryGroup all)
    {
        // Longest path in a DAG: relax edges in topological order (cycles were refused in AddChild).
        var order = new List<InventoryGroup>();
        var visited = new HashSet<InventoryGroup>();
        Visit(all);
        order.Reverse();
        foreach (var group in order)
        {
            foreach (var child in group.Children)
            {
                child.Depth = Math.Max(child.Depth, group.Depth + 1);
            }
        }

        void Visit(InventoryGroup group)
        {
            if (!visited.Add(group))
            {
                return;
            }

            foreach (var child in group.Children)
            {
                Visit(child);
            }

            order.Add(group);
        }
    }
}
