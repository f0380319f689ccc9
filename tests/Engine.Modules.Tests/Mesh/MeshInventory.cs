using Converge.Core.Diagnostics;
using Converge.Core.Planning;
using Converge.Modules.Mesh;

namespace Converge.Modules.Tests.Mesh;

/// <summary>
/// A plain-dictionary inventory for planner tests: the seed's three hosts with documentation underlay
/// addresses, the mesh definition "in" group_vars/mesh.yml and host variables "in" host_vars/HOST.yml.
/// </summary>
internal sealed class MeshInventory
{
    public static readonly SourceSpan DefinitionSpan = new("group_vars/mesh.yml", 1, 1);

    private readonly Dictionary<string, Dictionary<string, object?>> _hosts = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Mesh { get; } = new(StringComparer.Ordinal)
    {
        ["underlay_mtu"] = 1500L,
        ["tunnel"] = "gre",
        ["switch"] = "ovs",
        ["links"] = "full",
        ["stp"] = true,
        ["docker_network"] = "172.17.0.0/16",
        ["bridge_pool"] = "172.17.42.0/24",
        ["slice"] = 18L,
    };

    public static MeshInventory Seed() =>
        new MeshInventory().Host("host1", "192.0.2.1").Host("host2", "192.0.2.2").Host("host3", "192.0.2.3");

    public static MeshInventory WithHosts(int count)
    {
        var inventory = new MeshInventory();
        for (var i = 1; i <= count; i++)
        {
            inventory.Host($"host{i}", $"192.0.2.{i}");
        }

        return inventory;
    }

    public static SourceSpan HostSpan(string host, string variable) => new($"host_vars/{host}.yml", 2, 1);

    public MeshInventory Host(string name, string? underlay)
    {
        _hosts[name] = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (underlay is not null)
        {
            _hosts[name]["ansible_host"] = underlay;
        }

        return this;
    }

    public MeshInventory Set(string host, string variable, object? value)
    {
        _hosts[host][variable] = value;
        return this;
    }

    public MeshInventory With(string key, object? value)
    {
        Mesh[key] = value;
        return this;
    }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Variables() =>
        _hosts.ToDictionary(
            h => h.Key,
            h => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(h.Value) { ["mesh"] = Mesh },
            StringComparer.Ordinal);

    public (InventoryPlan? Plan, DiagnosticBag Diagnostics) Plan()
    {
        var diagnostics = new DiagnosticBag();
        var plan = new MeshPlanner().Plan(Variables(), Origin, diagnostics);
        return (plan, diagnostics);
    }

    public IReadOnlyList<string> Errors() => [.. Plan().Diagnostics.Items.Select(d => d.ToString())];

    public MeshLayout Layout()
    {
        var diagnostics = new DiagnosticBag();
        var layouts = MeshPlanner.PlanAll(Variables(), Origin, diagnostics);
        Assert.Empty(diagnostics.Items);
        return Assert.Single(layouts!);
    }

    private static SourceSpan Origin(string host, string variable) => variable == "mesh" ? DefinitionSpan : HostSpan(host, variable);
}
