using Converge.Core.Variables;

namespace Converge.Core.Inventory;

internal sealed partial class InventoryBuilder
{
    /// <summary>
    /// Freezes the inventory and resolves every host's variables in Ansible's order (vars/manager.py with the
    /// default VARIABLE_PRECEDENCE), later layers replacing earlier ones key by key:
    /// inline vars of <c>all</c>; inline vars of the host's other groups sorted by (depth, priority, name);
    /// <c>group_vars/all</c> of each source; <c>group_vars/GROUP</c> of each source for the same sorted groups;
    /// the host's inline vars; <c>host_vars/HOST</c> of each source.
    /// </summary>
    public Inventory Build(IReadOnlyList<string> sourceDirectories, VariableFiles files)
    {
        Reconcile();
        var all = AllGroup;
        var hosts = Hosts.ToList();
        var variables = new Dictionary<string, Dictionary<string, SourcedValue>>(StringComparer.Ordinal);
        var groupsOfHost = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            var groups = host.AllGroups()
                .Where(g => g != all)
                .OrderBy(g => g.Depth)
                .ThenBy(g => g.Priority)
                .ThenBy(g => g.Name, StringComparer.Ordinal)
                .ToList();
            var resolved = new Dictionary<string, SourcedValue>(StringComparer.Ordinal);
            VariableMerge.Overlay(resolved, all.Variables);
            foreach (var group in groups)
            {
                VariableMerge.Overlay(resolved, group.Variables);
            }

            foreach (var directory in sourceDirectories)
            {
                VariableMerge.Overlay(resolved, files.Load(directory, "group_vars", all.Name));
            }

            foreach (var directory in sourceDirectories)
            {
                foreach (var group in groups)
                {
                    VariableMerge.Overlay(resolved, files.Load(directory, "group_vars", group.Name));
                }
            }

            VariableMerge.Overlay(resolved, host.Variables);
            foreach (var directory in sourceDirectories)
            {
                VariableMerge.Overlay(resolved, files.Load(directory, "host_vars", host.Name));
            }

            variables[host.Name] = resolved;
            groupsOfHost[host.Name] = [.. groups.Select(g => g.Name).Order(StringComparer.Ordinal)];
        }

        var groupList = Groups.ToList();
        return new Inventory(
            [.. hosts.Select(h => h.Name)],
            [.. groupList.Select(g => g.Name)],
            variables,
            groupsOfHost,
            groupList.ToDictionary(
                g => g.Name,
                g => (IReadOnlyList<string>)[.. g.HostsInInventoryOrder().Select(h => h.Name)],
                StringComparer.Ordinal),
            groupList.ToDictionary(g => g.Name, g => (IReadOnlyList<string>)[.. g.Hosts.Select(h => h.Name)], StringComparer.Ordinal),
            groupList.ToDictionary(g => g.Name, g => (IReadOnlyList<string>)[.. g.Children.Select(c => c.Name)], StringComparer.Ordinal));
    }
}
