using Converge.Core.Diagnostics;
using Converge.Core.Inventory;
using Converge.Modules.Mesh;
using Converge.Modules.Tests.WriteInterfaces;
using Converge.Modules.WriteInterfaces;
using Converge.TestKit;

namespace Converge.Modules.Tests.Mesh;

/// <summary>The committed staging, production and large inventories load and plan cleanly, with the seed's values.</summary>
public sealed class MeshInventoryFilesTests
{
    private static IReadOnlyList<MeshLayout> Plan(string environment)
    {
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load([Path.Combine(RepositoryPaths.Playbooks, "inventories", environment)], diagnostics);
        var variables = inventory.HostNames.ToDictionary(h => h, inventory.VariablesOf, StringComparer.Ordinal);

        var layouts = MeshPlanner.PlanAll(variables, inventory.OriginOf, diagnostics);

        Assert.Empty(diagnostics.Items);
        return layouts!;
    }

    [Theory]
    [InlineData("production", "192.0.2")]
    [InlineData("staging", "198.51.100")]
    public void The_three_host_inventories_plan_the_seeds_values(string environment, string underlay)
    {
        var layout = Assert.Single(Plan(environment));

        Assert.Equal(["host1", "host2", "host3"], layout.Hosts.Select(h => h.Name));
        Assert.Equal(1462, layout.Mtu);
        Assert.Equal(["172.17.42.1", "172.17.42.2", "172.17.42.3"], layout.Hosts.Select(h => h.Address));
        Assert.Equal(["172.17.64.0/18", "172.17.128.0/18", "172.17.192.0/18"], layout.Hosts.Select(h => h.FixedCidr));
        Assert.All(layout.Hosts, h => Assert.Equal(("255.255.0.0", "172.17.0.0"), (h.Netmask, h.Network)));
        Assert.Equal([("gre1", $"{underlay}.2"), ("gre2", $"{underlay}.3")], layout.Hosts[0].Ports.Select(p => (p.Name, p.RemoteIp)));
        Assert.Equal(["unix:///var/run/docker.sock", "tcp://172.17.42.3:2375"], layout.Hosts[2].DockerHosts);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Production_renders_the_seed_snapshots(int number)
    {
        var host = Plan("production")[0].Hosts[number - 1];

        Snapshot.Match(InterfacesRenderer.Render(host, null, fastStp: false), "WriteInterfaces", $"seed-host{number}");
    }

    [Fact]
    public void The_large_inventory_is_a_ring_of_twelve_with_auto_slices()
    {
        var layout = Assert.Single(Plan("large"));

        Assert.Equal(12, layout.Hosts.Count);
        Assert.Equal(12, layout.Links.Count);
        Assert.Single(layout.MayBlock);
        Assert.All(layout.Hosts, h => Assert.EndsWith("/20", h.FixedCidr, StringComparison.Ordinal));
        Assert.All(layout.Hosts, h => Assert.Equal(2, h.Ports.Count));
        Assert.Equal("rstp", layout.Hosts[0].Stp);
        Assert.Equal("172.17.42.12", layout.Hosts[11].Address);
    }

    [Fact]
    public void A_broken_definition_is_reported_at_the_mesh_key_in_group_vars()
    {
        var directory = Directory.CreateTempSubdirectory("converge-mesh-inventory-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "group_vars"));
            File.WriteAllText(Path.Combine(directory, "hosts.yml"), "mesh:\n  hosts:\n    a: {ansible_host: 192.0.2.1}\n    b: {ansible_host: 192.0.2.2}\n");
            File.WriteAllText(Path.Combine(directory, "group_vars", "mesh.yml"), "# the mesh\nmesh:\n  mtu: 1500\n");
            var diagnostics = new DiagnosticBag();
            var inventory = InventoryLoader.Load([directory], diagnostics);
            var variables = inventory.HostNames.ToDictionary(h => h, inventory.VariablesOf, StringComparer.Ordinal);

            MeshPlanner.PlanAll(variables, inventory.OriginOf, diagnostics);

            var diagnostic = Assert.Single(diagnostics.Items);
            Assert.Equal(Path.Combine(directory, "group_vars", "mesh.yml"), diagnostic.Span.File);
            Assert.Equal(2, diagnostic.Span.Line);
            Assert.StartsWith("mesh.mtu: 1500 is larger than 1462", diagnostic.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
