using Converge.Core.Diagnostics;

namespace Converge.Core.Inventory;

/// <summary>
/// A loaded inventory: hosts, groups and each host's variables resolved with Ansible's precedence
/// (see <see cref="InventoryLoader"/>). Immutable once loaded; safe to read from parallel host runs.
/// Values are plain (string, long, double, bool, null, <c>List&lt;object?&gt;</c>,
/// <c>Dictionary&lt;string, object?&gt;</c>) and must not be mutated by callers.
/// </summary>
public sealed class Inventory
{
    private readonly Dictionary<string, Dictionary<string, SourcedValue>> _variables;
    private readonly Dictionary<string, Dictionary<string, object?>> _plainVariables;
    private readonly Dictionary<string, IReadOnlyList<string>> _groupsOfHost;
    private readonly Dictionary<string, IReadOnlyList<string>> _hostsOfGroup;
    private readonly Dictionary<string, IReadOnlyList<string>> _directHosts;
    private readonly Dictionary<string, IReadOnlyList<string>> _children;

    internal Inventory(
        IReadOnlyList<string> hostNames,
        IReadOnlyList<string> groupNames,
        Dictionary<string, Dictionary<string, SourcedValue>> variables,
        Dictionary<string, IReadOnlyList<string>> groupsOfHost,
        Dictionary<string, IReadOnlyList<string>> hostsOfGroup,
        Dictionary<string, IReadOnlyList<string>> directHosts,
        Dictionary<string, IReadOnlyList<string>> children)
    {
        HostNames = hostNames;
        GroupNames = groupNames;
        _variables = variables;
        _plainVariables = variables.ToDictionary(
            h => h.Key,
            h => h.Value.ToDictionary(v => v.Key, v => v.Value.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
        _groupsOfHost = groupsOfHost;
        _hostsOfGroup = hostsOfGroup;
        _directHosts = directHosts;
        _children = children;
    }

    /// <summary>Every host, in the order the inventory first defines them; unique.</summary>
    public IReadOnlyList<string> HostNames { get; }

    /// <summary>Every group, <c>all</c> and <c>ungrouped</c> included, in the order they were first defined.</summary>
    public IReadOnlyList<string> GroupNames { get; }

    public bool ContainsHost(string host) => _variables.ContainsKey(host);

    public bool ContainsGroup(string group) => _hostsOfGroup.ContainsKey(group);

    /// <summary>The host's variables resolved with inventory precedence; no magic variables. Empty for an unknown host.</summary>
    public IReadOnlyDictionary<string, object?> VariablesOf(string host) =>
        _plainVariables.TryGetValue(host, out var variables) ? variables : new Dictionary<string, object?>();

    /// <summary>Every group the host is in, ancestors included, <c>all</c> excluded, sorted (Ansible's <c>group_names</c>).</summary>
    public IReadOnlyList<string> GroupsOf(string host) => _groupsOfHost.GetValueOrDefault(host) ?? [];

    /// <summary>
    /// Every host of the group and of the groups below it, in Ansible's inventory order (the order a play's
    /// <c>hosts:</c> and <c>serial:</c> see): the group's own hosts, then its children's, level by level.
    /// Empty for an unknown group.
    /// </summary>
    public IReadOnlyList<string> HostsOf(string group) => _hostsOfGroup.GetValueOrDefault(group) ?? [];

    /// <summary>The hosts put directly in the group, in the order they were added (what <c>ansible-inventory</c> lists).</summary>
    public IReadOnlyList<string> DirectHostsOf(string group) => _directHosts.GetValueOrDefault(group) ?? [];

    /// <summary>The group's direct child groups, in the order they were added.</summary>
    public IReadOnlyList<string> ChildrenOf(string group) => _children.GetValueOrDefault(group) ?? [];

    /// <summary>Where the value that won for <paramref name="variable"/> was defined; <see cref="SourceSpan.None"/> when unknown.</summary>
    public SourceSpan OriginOf(string host, string variable) =>
        _variables.TryGetValue(host, out var variables) && variables.TryGetValue(variable, out var value) ? value.Origin : SourceSpan.None;
}
