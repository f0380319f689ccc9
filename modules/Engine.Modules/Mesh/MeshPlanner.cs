using Converge.Core.Diagnostics;
using Converge.Core.Planning;

namespace Converge.Modules.Mesh;

/// <summary>
/// The network planner: reads the <c>mesh</c> variable (typically <c>group_vars/mesh.yml</c>), validates the
/// whole topology before any host is contacted and gives each host of the mesh group a <c>mesh_host</c>
/// variable (see <see cref="MeshHost"/>). Hosts of a mesh are those whose <c>group_names</c> hold
/// <c>mesh.group</c>; when the inventory gives no <c>group_names</c>, those that see the same definition.
/// </summary>
public sealed class MeshPlanner : IInventoryPlanner
{
    /// <summary>The inventory variable holding the definition.</summary>
    public const string DefinitionVariable = "mesh";

    /// <summary>The per-host variable the planner adds.</summary>
    public const string HostVariable = "mesh_host";

    public string Name => "mesh";

    public InventoryPlan? Plan(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> hostVariables,
        Func<string, string, SourceSpan> originOf,
        DiagnosticBag diagnostics)
    {
        var layouts = PlanAll(hostVariables, originOf, diagnostics);
        if (layouts is null)
        {
            return null;
        }

        var variables = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var host in layouts.SelectMany(l => l.Hosts))
        {
            variables[host.Name] = new Dictionary<string, object?>(StringComparer.Ordinal) { [HostVariable] = host.ToVariables() };
        }

        return new InventoryPlan(variables, format => MeshDrawing.Draw(layouts, format));
    }

    /// <summary>Plans every mesh of the inventory; null when no host has a <c>mesh</c> variable.</summary>
    public static IReadOnlyList<MeshLayout>? PlanAll(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> hostVariables,
        Func<string, string, SourceSpan> originOf,
        DiagnosticBag diagnostics)
    {
        var defining = hostVariables.Where(h => h.Value.TryGetValue(DefinitionVariable, out var v) && v is not null).ToList();
        if (defining.Count == 0)
        {
            return null;
        }

        var definitions = new List<(string Host, object? Raw, MeshDefinition? Definition)>();
        foreach (var (host, variables) in defining)
        {
            var raw = variables[DefinitionVariable];
            if (definitions.Any(d => MeshValues.DeepEquals(d.Raw, raw)))
            {
                continue;
            }

            var definition = new MeshDefinitionReader(originOf(host, DefinitionVariable), diagnostics).Read(raw);
            var clash = definitions.FirstOrDefault(d => d.Definition is not null && d.Definition.Group == definition?.Group);
            if (definition is not null && clash.Host is not null)
            {
                diagnostics.Add(originOf(host, DefinitionVariable),
                    $"mesh: host {host} sees a different mesh definition for group {definition.Group} than host {clash.Host} ({originOf(clash.Host, DefinitionVariable)}); one mesh needs one definition");
                continue;
            }

            definitions.Add((host, raw, definition));
        }

        var knowsGroups = hostVariables.Values.Any(v => v.ContainsKey("group_names"));
        var layouts = new List<MeshLayout>();
        foreach (var (firstHost, raw, definition) in definitions.Where(d => d.Definition is not null))
        {
            var members = hostVariables
                .Where(h => knowsGroups
                    ? MeshValues.AsList(h.Value.GetValueOrDefault("group_names"))?.Contains(definition!.Group) == true
                    : h.Value.TryGetValue(DefinitionVariable, out var v) && MeshValues.DeepEquals(v, raw))
                .Select(h => new MeshMember(h.Key, h.Value))
                .ToList();
            if (members.Count == 0)
            {
                diagnostics.Add(originOf(firstHost, DefinitionVariable), $"mesh.group: no host is in group {definition!.Group}");
                continue;
            }

            var layout = new MeshLayoutBuilder(definition!, members, originOf(firstHost, DefinitionVariable), originOf, diagnostics).Build();
            if (layout is not null)
            {
                layouts.Add(layout);
            }
        }

        return layouts;
    }
}
