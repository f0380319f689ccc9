using Converge.Core.Diagnostics;
namespace Converge.Core.Inventory;

/// <summary>
/// The output of <c>converge inventory</c>, in the shape and formatting of <c>ansible-inventory</c> 2.14
/// (cli/inventory.py <c>json_inventory</c>): <c>_meta.hostvars</c> with every host that has variables;
/// <c>all</c> with its children and no hosts; every other group with <c>hosts</c> (direct members) and
/// <c>children</c>, each omitted when empty, and the group itself omitted when both are.
/// </summary>
public static class InventoryJson
{
    public static string List(Inventory inventory)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var group in inventory.GroupNames)
        {
            var entry = new Dictionary<string, object?>(StringComparer.Ordinal);
            var hosts = inventory.DirectHostsOf(group);
            var children = inventory.ChildrenOf(group);
            if (group != InventoryBuilder.All && hosts.Count > 0)
            {
                entry["hosts"] = hosts.ToList();
            }

            if (children.Count > 0)
            {
                entry["children"] = children.ToList();
            }

            if (entry.Count > 0)
            {
                result[group] = entry;
            }
        }

        var hostVariables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var host in inventory.HostNames)
        {
            var variables = inventory.VariablesOf(host);
            if (variables.Count > 0)
            {
                hostVariables[host] = variables;
            }
        }

        result["_meta"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["hostvars"] = hostVariables };
        return PythonJson.Serialize(result);
    }

    /// <summary>One host's variables, as <c>ansible-inventory --host HOST</c> prints them.</summary>
    public static string Host(Inventory inventory, string host)
    {
        if (!inventory.ContainsHost(host))
        {
            throw new ArgumentException($"unknown host '{host}'{NameSuggestion.DidYouMean(host, inventory.HostNames)}", nameof(host));
        }

        return PythonJson.Serialize(inventory.VariablesOf(host));
    }
}
