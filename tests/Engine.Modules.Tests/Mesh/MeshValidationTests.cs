namespace Converge.Modules.Tests.Mesh;

/// <summary>One broken inventory per rule, each with the exact message a user sees.</summary>
public sealed class MeshValidationTests
{
    private const string Def = "group_vars/mesh.yml:1:1: ";

    [Fact]
    public void A_slice_outside_the_docker_network_is_an_error()
    {
        var errors = MeshInventory.Seed().Set("host2", "mesh_slice", "10.1.0.0/18").Errors();

        Assert.Equal(["host_vars/host2.yml:2:1: mesh: the slice 10.1.0.0/18 of host host2 is outside docker_network 172.17.0.0/16"], errors);
    }

    [Fact]
    public void Overlapping_slices_are_an_error()
    {
        var errors = MeshInventory.Seed().Set("host2", "mesh_slice", "172.17.64.0/18").Set("host3", "mesh_slice", "172.17.64.0/19").Errors();

        Assert.Equal(
            ["host_vars/host3.yml:2:1: mesh: the slices of hosts host2 (172.17.64.0/18) and host3 (172.17.64.0/19) overlap; Docker on both would hand out the same container addresses"],
            errors);
    }

    [Fact]
    public void Too_many_hosts_for_the_slice_size_is_an_error()
    {
        var errors = MeshInventory.WithHosts(5).Errors();

        Assert.Equal(
            [Def + "mesh.slice: group mesh has 5 hosts that need a /18 slice of docker_network 172.17.0.0/16, but only 3 are free (4 in all, minus those holding the bridge pool 172.17.42.0/24); use a smaller slice (e.g. slice: 19) or slice: auto"],
            errors);
    }

    [Fact]
    public void Slices_that_do_not_split_the_docker_network_are_an_error()
    {
        var errors = MeshInventory.Seed().With("slice", 16L).Errors();

        Assert.Equal([Def + "mesh.slice: /16 slices do not fit in docker_network 172.17.0.0/16; each host needs a part of it (e.g. slice: 18)"], errors);
    }

    [Fact]
    public void A_bridge_address_used_twice_is_an_error()
    {
        var errors = MeshInventory.Seed().Set("host3", "mesh_bridge_address", "172.17.42.1").Errors();

        Assert.Equal(["host_vars/host3.yml:2:1: mesh: hosts host1 and host3 have the same bridge address 172.17.42.1"], errors);
    }

    [Fact]
    public void A_bridge_address_outside_the_docker_network_is_an_error()
    {
        var errors = MeshInventory.Seed().Set("host2", "mesh_bridge_address", "10.0.0.2").Errors();

        Assert.Equal(["host_vars/host2.yml:2:1: mesh: the bridge address 10.0.0.2 of host host2 is outside docker_network 172.17.0.0/16"], errors);
    }

    [Fact]
    public void A_bridge_address_inside_a_slice_is_an_error()
    {
        var errors = MeshInventory.Seed().Set("host3", "mesh_slice", "172.17.192.0/18").Set("host2", "mesh_bridge_address", "172.17.200.1").Errors();

        Assert.Equal(
            ["host_vars/host2.yml:2:1: mesh: the bridge address 172.17.200.1 of host host2 is inside the slice 172.17.192.0/18 of host host3, so Docker there may give it to a container"],
            errors);
    }

    [Fact]
    public void A_bridge_pool_too_small_for_the_hosts_is_an_error()
    {
        var errors = MeshInventory.Seed().With("bridge_pool", "172.17.42.0/30").Errors();

        Assert.Equal([Def + "mesh.bridge_pool: 172.17.42.0/30 has 2 usable addresses but group mesh has 3 hosts"], errors);
    }

    [Fact]
    public void An_explicit_mtu_larger_than_underlay_minus_gre_overhead_is_an_error()
    {
        var errors = MeshInventory.Seed().With("mtu", 1500L).Errors();

        Assert.Equal(
            [Def + "mesh.mtu: 1500 is larger than 1462, the underlay MTU 1500 minus the GRE over IPv4 overhead of 38 bytes (Ethernet 14 + IPv4 20 + GRE 4); larger packets would be dropped"],
            errors);
    }

    [Fact]
    public void An_explicit_mtu_larger_than_underlay_minus_vxlan_overhead_is_an_error()
    {
        var errors = MeshInventory.Seed().With("tunnel", "vxlan").With("mtu", 1462L).Errors();

        Assert.Equal(
            [Def + "mesh.mtu: 1462 is larger than 1450, the underlay MTU 1500 minus the VXLAN over IPv4 overhead of 50 bytes (Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8); larger packets would be dropped"],
            errors);
    }

    [Fact]
    public void Asymmetric_peer_lists_are_an_error()
    {
        var errors = MeshInventory.Seed().With("links", new Dictionary<string, object?>
        {
            ["host1"] = new List<object?> { "host2", "host3" },
            ["host2"] = new List<object?> { "host1", "host3" },
            ["host3"] = new List<object?> { "host2" },
        }).Errors();

        Assert.Equal([Def + "mesh.links: host1 lists host3 as a peer but host3 does not list host1; links must be symmetric"], errors);
    }

    [Fact]
    public void Links_that_leave_a_host_unreachable_are_an_error()
    {
        var errors = MeshInventory.WithHosts(4).With("slice", "auto").With("links", new List<object?>
        {
            new List<object?> { "host1", "host2" },
            new List<object?> { "host3", "host4" },
        }).Errors();

        Assert.Equal([Def + "mesh.links: the links do not connect every host: {host1, host2} and {host3, host4} have no link between them"], errors);
    }

    [Fact]
    public void A_cycle_without_stp_is_an_error()
    {
        var errors = MeshInventory.Seed().With("stp", false).Errors();

        Assert.Equal(
            [Def + "mesh.stp: the links form a cycle (host1 – host2 – host3 – host1) and stp is off, so broadcast frames would loop forever; set stp: true (or rstp) or remove a link"],
            errors);
    }

    [Fact]
    public void A_ring_without_stp_names_the_whole_cycle()
    {
        var errors = MeshInventory.WithHosts(4).With("slice", "auto").With("links", "ring").With("stp", false).Errors();

        Assert.Equal(
            [Def + "mesh.stp: the links form a cycle (host1 – host2 – host3 – host4 – host1) and stp is off, so broadcast frames would loop forever; set stp: true (or rstp) or remove a link"],
            errors);
    }

    [Fact]
    public void Hosts_with_the_same_underlay_address_are_an_error()
    {
        var errors = MeshInventory.Seed().Set("host3", "ansible_host", "192.0.2.1").Errors();

        Assert.Equal(["host_vars/host3.yml:2:1: mesh: hosts host1 and host3 have the same underlay address 192.0.2.1 (ansible_host)"], errors);
    }

    [Fact]
    public void A_host_without_an_underlay_address_is_an_error()
    {
        var errors = MeshInventory.Seed().Host("host3", null).Errors();

        Assert.Equal([Def + "mesh: host host3 has no underlay address; set ansible_host to its IP address"], errors);
    }

    [Fact]
    public void An_underlay_name_instead_of_an_address_is_an_error()
    {
        var errors = MeshInventory.Seed().Set("host2", "ansible_host", "host2.example.org").Errors();

        Assert.Equal(["host_vars/host2.yml:2:1: mesh: the underlay address 'host2.example.org' of host host2 (ansible_host) is not an IP address; tunnels need literal addresses"], errors);
    }

    [Fact]
    public void A_link_to_a_host_outside_the_group_is_an_error()
    {
        var errors = MeshInventory.Seed().With("links", new List<object?>
        {
            new List<object?> { "host1", "host2" },
            new List<object?> { "host2", "host3" },
            new List<object?> { "host3", "builder" },
        }).Errors();

        Assert.Equal([Def + "mesh.links: link host3 – builder names builder, which is not in group mesh (hosts: host1, host2, host3)"], errors);
    }

    [Fact]
    public void A_link_listed_twice_is_an_error()
    {
        var errors = MeshInventory.Seed().With("links", new List<object?>
        {
            new List<object?> { "host1", "host2" },
            new List<object?> { "host2", "host3" },
            new List<object?> { "host2", "host1" },
        }).Errors();

        Assert.Equal([Def + "mesh.links: link host2 – host1 is listed twice"], errors);
    }

    [Fact]
    public void Docker_on_all_interfaces_without_tls_is_an_error()
    {
        var errors = MeshInventory.Seed().With("docker_tcp", new Dictionary<string, object?> { ["bind"] = "0.0.0.0" }).Errors();

        Assert.Equal(
            [Def + "mesh.docker_tcp: tcp://0.0.0.0:2375 without TLS lets anyone who reaches port 2375 on any interface control Docker as root; bind it to the docker0 address (docker_tcp: {bind: docker0}) as the seed suggests, set tls: true, or set allow_insecure_tcp: true"],
            errors);
    }

    [Fact]
    public void Docker_on_all_interfaces_is_accepted_when_explicitly_allowed()
    {
        var layout = MeshInventory.Seed().With("docker_tcp", "0.0.0.0").With("allow_insecure_tcp", true).Layout();

        Assert.Equal("tcp://0.0.0.0:2375", layout.Hosts[0].DockerHosts[1]);
    }

    [Fact]
    public void An_unknown_key_is_an_error_with_a_suggestion()
    {
        var errors = MeshInventory.Seed().With("tunel", "gre").Errors();

        Assert.Equal([Def + "mesh: unknown key 'tunel'; did you mean 'tunnel'?"], errors);
    }

    [Fact]
    public void A_bad_choice_names_the_valid_ones()
    {
        var errors = MeshInventory.Seed().With("tunnel", "ipip").Errors();

        Assert.Equal([Def + "mesh.tunnel: 'ipip' is not one of gre, vxlan"], errors);
    }

    [Fact]
    public void The_netdev_datapath_needs_open_vswitch()
    {
        var errors = MeshInventory.Seed().With("switch", "linux-bridge").With("datapath", "netdev").Errors();

        Assert.Equal([Def + "mesh.datapath: netdev is the Open vSwitch userspace datapath; it needs switch: ovs"], errors);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = MeshInventory.Seed().With("mtu", 9000L).With("stp", false).Set("host3", "ansible_host", "192.0.2.1").Errors();

        Assert.Equal(3, errors.Count);
    }
}
