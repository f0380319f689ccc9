using Converge.Modules.Mesh;

namespace Converge.Modules.Tests.Mesh;

public sealed class MeshPlannerTests
{
    [Fact]
    public void The_seed_layout_gives_the_seed_values()
    {
        var layout = MeshInventory.Seed().Layout();

        Assert.Equal(1462, layout.Mtu);
        Assert.Equal(["172.17.42.1", "172.17.42.2", "172.17.42.3"], layout.Hosts.Select(h => h.Address));
        Assert.Equal(["172.17.64.0/18", "172.17.128.0/18", "172.17.192.0/18"], layout.Hosts.Select(h => h.FixedCidr));
        Assert.All(layout.Hosts, h => Assert.Equal(("255.255.0.0", "172.17.0.0", 16), (h.Netmask, h.Network, h.Prefix)));
        var host1 = layout.Hosts[0];
        Assert.Equal([("gre1", "192.0.2.2"), ("gre2", "192.0.2.3")], host1.Ports.Select(p => (p.Name, p.RemoteIp)));
    }

    [Fact]
    public void Tunnel_names_are_the_same_on_both_ends_of_every_link()
    {
        var layout = MeshInventory.Seed().Layout();

        Assert.Equal([("gre1", "host1"), ("gre3", "host3")], layout.Hosts[1].Ports.Select(p => (p.Name, p.Peer)));
        Assert.Equal([("gre2", "host1"), ("gre3", "host2")], layout.Hosts[2].Ports.Select(p => (p.Name, p.Peer)));
        foreach (var host in layout.Hosts)
        {
            foreach (var port in host.Ports)
            {
                var back = layout.Hosts.Single(h => h.Name == port.Peer).Ports.Single(p => p.Peer == host.Name);
                Assert.Equal(port.Name, back.Name);
                Assert.Equal(host.UnderlayAddress, back.RemoteIp);
            }
        }
    }

    [Fact]
    public void A_ring_of_three_names_ports_like_a_full_mesh_of_three()
    {
        var ring = MeshInventory.Seed().With("links", "ring").Layout();
        var full = MeshInventory.Seed().Layout();

        Assert.Equal(full.Links, ring.Links);
    }

    [Fact]
    public void Vxlan_tunnels_get_vx_names_a_vni_per_pair_and_mtu_1450()
    {
        var layout = MeshInventory.Seed().With("tunnel", "vxlan").Layout();

        Assert.Equal(1450, layout.Mtu);
        Assert.Equal([("vx1", 101L), ("vx2", 102L)], layout.Hosts[0].Ports.Select(p => (p.Name, p.Vni!.Value)));
        Assert.Equal([101L, 102L, 103L], layout.Hosts.SelectMany(h => h.Ports).Select(p => p.Vni!.Value).Distinct().Order());
    }

    [Fact]
    public void A_gre_key_costs_four_more_bytes_and_is_set_on_every_port()
    {
        var layout = MeshInventory.Seed().With("gre_key", 42L).Layout();

        Assert.Equal(1458, layout.Mtu);
        Assert.All(layout.Hosts.SelectMany(h => h.Ports), p => Assert.Equal(42L, p.Key));
    }

    [Fact]
    public void A_smaller_explicit_mtu_is_kept()
    {
        Assert.Equal(1400, MeshInventory.Seed().With("mtu", 1400L).Layout().Mtu);
    }

    [Fact]
    public void Auto_slices_for_twelve_hosts_in_a_ring_are_twenty_bit_slices_outside_the_bridge_pool()
    {
        var layout = MeshInventory.WithHosts(12).With("links", "ring").With("slice", "auto").Layout();

        Assert.Equal(12, layout.Links.Count);
        Assert.Equal("172.17.0.0/20", layout.Hosts[0].FixedCidr);
        Assert.Equal("172.17.48.0/20", layout.Hosts[2].FixedCidr);
        Assert.Equal("172.17.192.0/20", layout.Hosts[11].FixedCidr);
        Assert.All(layout.Hosts, h => Assert.Equal(2, h.Ports.Count));
        Assert.Single(layout.MayBlock);
    }

    [Fact]
    public void A_star_links_every_host_to_the_hub_and_needs_no_stp()
    {
        var layout = MeshInventory.WithHosts(4).With("slice", 19L).With("links", "star").With("hub", "host2").With("stp", false).Layout();

        Assert.Equal(["host1 – host2", "host2 – host3", "host2 – host4"], layout.Links.Select(l => l.ToString()));
        Assert.Empty(layout.MayBlock);
    }

    [Fact]
    public void Explicit_pairs_and_symmetric_peer_lists_give_the_same_links()
    {
        var pairs = MeshInventory.Seed().With("links", new List<object?> { new List<object?> { "host1", "host2" }, new List<object?> { "host3", "host2" } }).Layout();
        var lists = MeshInventory.Seed().With("links", new Dictionary<string, object?>
        {
            ["host1"] = new List<object?> { "host2" },
            ["host2"] = new List<object?> { "host1", "host3" },
            ["host3"] = new List<object?> { "host2" },
        }).Layout();

        Assert.Equal(["host1 – host2", "host2 – host3"], pairs.Links.Select(l => l.ToString()));
        Assert.Equal(pairs.Links, lists.Links);
    }

    [Fact]
    public void Docker_tcp_bound_to_docker0_listens_on_each_hosts_bridge_address()
    {
        var layout = MeshInventory.Seed().With("docker_tcp", new Dictionary<string, object?> { ["bind"] = "docker0" }).Layout();

        Assert.Equal(["unix:///var/run/docker.sock", "tcp://172.17.42.2:2375"], layout.Hosts[1].DockerHosts);
    }

    [Fact]
    public void Per_host_overrides_set_the_bridge_address_and_slice()
    {
        var layout = MeshInventory.Seed().Set("host2", "mesh_bridge_address", "172.17.42.20").Set("host3", "mesh_slice", "172.17.0.0/20").Layout();

        Assert.Equal(["172.17.42.1", "172.17.42.20", "172.17.42.3"], layout.Hosts.Select(h => h.Address));
        Assert.Equal(["172.17.64.0/18", "172.17.128.0/18", "172.17.0.0/20"], layout.Hosts.Select(h => h.FixedCidr));
    }

    [Fact]
    public void The_plan_gives_each_host_a_mesh_host_variable_with_snake_case_keys()
    {
        var (plan, diagnostics) = MeshInventory.Seed().Plan();

        Assert.False(diagnostics.HasErrors);
        var host = (IReadOnlyDictionary<string, object?>)plan!.HostVariables["host1"]["mesh_host"]!;
        Assert.Equal("172.17.64.0/18", host["fixed_cidr"]);
        Assert.Equal(1462L, host["mtu"]);
        Assert.Equal(1434L, host["ping_size"]);
        var port = (IReadOnlyDictionary<string, object?>)((List<object?>)host["ports"]!)[0]!;
        Assert.Equal("gre1", port["name"]);
        Assert.Equal("192.0.2.2", port["remote_ip"]);
        Assert.False(port.ContainsKey("vni"));
    }

    [Fact]
    public void An_inventory_without_a_mesh_is_not_planned()
    {
        var variables = new Dictionary<string, IReadOnlyDictionary<string, object?>> { ["web"] = new Dictionary<string, object?>() };

        Assert.Null(new MeshPlanner().Plan(variables, (_, _) => default, new()));
    }

    [Fact]
    public void Group_names_decide_membership_when_the_inventory_gives_them()
    {
        var inventory = MeshInventory.Seed();
        foreach (var host in new[] { "host1", "host2" })
        {
            inventory.Set(host, "group_names", new List<object?> { "mesh" });
        }

        inventory.Set("host3", "group_names", new List<object?> { "builder" });

        Assert.Equal(["host1", "host2"], inventory.Layout().Hosts.Select(h => h.Name));
    }

    [Fact]
    public void An_ipv6_underlay_costs_twenty_more_bytes()
    {
        var layout = new MeshInventory().Host("a", "2001:db8::1").Host("b", "2001:db8::2").Layout();

        Assert.Equal(1442, layout.Mtu);
        Assert.Equal("2001:db8::2", layout.Hosts[0].Ports[0].RemoteIp);
    }

    [Fact]
    public void The_underlay_address_can_come_from_another_variable()
    {
        var inventory = MeshInventory.Seed().With("underlay_var", "private_ip");
        foreach (var (host, i) in new[] { ("host1", 1), ("host2", 2), ("host3", 3) })
        {
            inventory.Set(host, "private_ip", $"10.0.0.{i}");
        }

        Assert.Equal("10.0.0.2", inventory.Layout().Hosts[0].Ports[0].RemoteIp);
    }

    [Fact]
    public void Hosts_of_one_group_with_different_definitions_are_an_error()
    {
        var inventory = MeshInventory.Seed();
        var variables = inventory.Variables().ToDictionary(p => p.Key, p => p.Value);
        variables["host3"] = new Dictionary<string, object?>(variables["host3"])
        {
            ["mesh"] = new Dictionary<string, object?>(inventory.Mesh) { ["mtu"] = 1400L },
        };
        var diagnostics = new Converge.Core.Diagnostics.DiagnosticBag();

        MeshPlanner.PlanAll(variables, (h, v) => new($"host_vars/{h}.yml", 1, 1), diagnostics);

        Assert.Equal(
            ["host_vars/host3.yml:1:1: mesh: host host3 sees a different mesh definition for group mesh than host host1 (host_vars/host1.yml:1:1); one mesh needs one definition"],
            diagnostics.Items.Select(d => d.ToString()));
    }
}
