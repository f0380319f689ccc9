using System.Collections.Concurrent;
using Converge.Core.Graph;
using Converge.Core.Variables;

namespace Converge.Core.Running;

/// <summary>
/// Composes the variables of one node, lowest to highest precedence: inventory (all → parent groups →
/// child groups → host), planner values, play vars and vars_files, task vars, registered results, loop
/// item, extra vars; plus the magic variables (inventory_hostname, group_names, groups, hostvars, playbook_dir).
/// </summary>
public sealed class VariableScope
{
    private readonly LoadedRun _run;
    private readonly bool _check;
    private readonly bool _diff;
    private readonly Dictionary<string, object?> _groups;
    private readonly Dictionary<int, List<string>> _playHosts;
    private readonly Dictionary<int, Dictionary<string, List<string>>> _playBatches;
    private readonly ConcurrentDictionary<string, object?> _hostvars = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, object?>> _registered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, object?>> _facts = new(StringComparer.Ordinal);

    /// <summary>The version of Ansible whose language Converge speaks, for playbooks that test <c>ansible_version</c>.</summary>
    public const string AnsibleVersion = "2.14.18";

    public VariableScope(LoadedRun run, bool check, bool diff = false)
    {
        _run = run;
        _check = check;
        _diff = diff;
        _groups = run.Inventory.GroupNames.ToDictionary(g => g, g => (object?)run.Inventory.HostsOf(g).ToList(), StringComparer.Ordinal);
        _playHosts = run.Playbook.Plays.ToDictionary(
            p => p.Index,
            p => run.Graph.Hosts.Where(h => run.Graph.NodesOf(h).Any(n => n.Play == p)).ToList());
        _playBatches = run.Playbook.Plays.ToDictionary(
            p => p.Index,
            p => GraphBuilder.Batches(p, _playHosts[p.Index]).SelectMany(b => b.Select(h => (Host: h, Batch: b.ToList()))).ToDictionary(x => x.Host, x => x.Batch, StringComparer.Ordinal));
        foreach (var host in run.Inventory.HostNames)
        {
            var view = new ConcurrentDictionary<string, object?>(run.HostVariables[host], StringComparer.Ordinal);
            view["inventory_hostname"] = host;
            _hostvars[host] = view;
        }
    }

    /// <summary>Records a <c>register:</c> result for a host; visible to its later tasks and to others through hostvars.</summary>
    public void Register(string host, string name, object? value)
    {
        _registered.GetOrAdd(host, _ => new ConcurrentDictionary<string, object?>(StringComparer.Ordinal))[name] = value;
        if (_hostvars.TryGetValue(host, out var view) && view is ConcurrentDictionary<string, object?> vars)
        {
            vars[name] = value;
        }
    }

    /// <summary>What a host registered under <paramref name="name"/>, or null.</summary>
    public object? RegisteredOf(string host, string name) =>
        _registered.TryGetValue(host, out var registered) ? registered.GetValueOrDefault(name) : null;

    /// <summary><c>meta: clear_facts</c>: the host's gathered and set facts are forgotten (its other variables stay).</summary>
    public void ClearFacts(string host)
    {
        if (_facts.TryRemove(host, out var facts) && _hostvars.TryGetValue(host, out var view) && view is ConcurrentDictionary<string, object?> vars)
        {
            foreach (var (name, _) in FactVariables(facts))
            {
                vars.TryRemove(name, out _);
            }
        }
    }

    /// <summary>
    /// Merges facts into a host's facts (gathered, or returned by a module as <c>ansible_facts</c>, as
    /// Ansible does): visible as <c>ansible_facts</c> and, as with Ansible's default
    /// <c>inject_facts_as_vars</c>, as <c>ansible_NAME</c>, to the host's tasks and through hostvars.
    /// </summary>
    public void SetFacts(string host, IReadOnlyDictionary<string, object?> facts)
    {
        var merged = _facts.AddOrUpdate(
            host,
            _ => new Dictionary<string, object?>(facts, StringComparer.Ordinal),
            (_, old) => new Dictionary<string, object?>(old.Concat(facts).GroupBy(p => p.Key).Select(g => g.Last()), StringComparer.Ordinal));
        if (_hostvars.TryGetValue(host, out var view) && view is ConcurrentDictionary<string, object?> vars)
        {
            VariableMerge.Overlay(vars, FactVariables(merged));
        }
    }

    /// <summary><c>ansible_version</c>: made once, not for every task of every host (it sits in every task's variables).</summary>
    private static readonly IReadOnlyDictionary<string, object?> VersionVariable = Version();

    private static Dictionary<string, object?> Version()
    {
        var parts = AnsibleVersion.Split('.').Select(p => (object?)long.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return new(StringComparer.Ordinal) { ["full"] = AnsibleVersion, ["string"] = AnsibleVersion, ["major"] = parts[0], ["minor"] = parts[1], ["revision"] = parts[2] };
    }

    private static IEnumerable<KeyValuePair<string, object?>> FactVariables(IReadOnlyDictionary<string, object?> facts) =>
        facts.Select(p => KeyValuePair.Create("ansible_" + p.Key, p.Value)).Append(KeyValuePair.Create<string, object?>("ansible_facts", facts));

    public IReadOnlyDictionary<string, object?> For(GraphNode node) => For(node, null);

    /// <summary>The hosts of <paramref name="host"/>'s batch in a play (all the play's hosts without <c>serial</c>).</summary>
    internal IReadOnlyList<string> BatchOf(int play, string host) => _playBatches[play].GetValueOrDefault(host, _playHosts[play]);

    /// <summary>A node's variables for one loop item: the item's own (<c>item</c> or its <c>loop_var</c>, …) above the task's.</summary>
    internal IReadOnlyDictionary<string, object?> For(GraphNode node, LoopItem? item)
    {
        var host = node.Host;
        // Role defaults sit below everything, inventory included; role vars above play vars (Ansible's precedence table).
        var vars = new Dictionary<string, object?>(node.Play.RoleDefaults, StringComparer.Ordinal);
        foreach (var scope in node.Scope.OutermostFirst())
        {
            VariableMerge.Overlay(vars, scope.Defaults);
        }

        VariableMerge.Overlay(vars, _run.HostVariables[host]);

        // Facts sit above inventory variables and below play vars, as in Ansible's precedence table.
        VariableMerge.Overlay(vars, _facts.TryGetValue(host, out var facts) ? FactVariables(facts) : null);
        VariableMerge.Overlay(vars, _run.PlayVariables.TryGetValue(node.Play.Index, out var play) ? play : null);
        VariableMerge.Overlay(vars, node.Play.RoleVars);
        foreach (var block in node.Scope.OutermostFirst())
        {
            VariableMerge.Overlay(vars, block.Vars);
        }

        VariableMerge.Overlay(vars, node.Task.Vars);
        VariableMerge.Overlay(vars, _registered.TryGetValue(host, out var registered) ? registered : null);
        VariableMerge.Overlay(vars, item?.Variables);

        VariableMerge.Overlay(vars, _run.ExtraVariables);
        vars["inventory_hostname"] = host;
        vars["inventory_hostname_short"] = host.Split('.')[0];
        vars["group_names"] = _run.Inventory.GroupsOf(host).ToList();
        vars["groups"] = _groups;
        vars["hostvars"] = _hostvars;
        vars["playbook_dir"] = _run.Playbook.Directory;
        vars["ansible_check_mode"] = _check;
        vars["ansible_diff_mode"] = _diff;
        vars["ansible_version"] = VersionVariable;

        // A host that fails stays in these lists (Ansible drops it from ansible_play_hosts and the batch).
        var hosts = _playHosts[node.Play.Index];
        var batch = _playBatches[node.Play.Index].GetValueOrDefault(host, hosts);
        vars["ansible_play_hosts"] = hosts;
        vars["ansible_play_hosts_all"] = hosts;
        vars["ansible_play_batch"] = batch;
        vars["play_hosts"] = batch;
        return vars;
    }
}
