using Converge.Modules.Tests.Common;
using Converge.Core.Connections;
using Converge.Modules.Mesh;
using Converge.Modules.Tests.Mesh;
using Converge.Modules.WriteInterfaces;

namespace Converge.Modules.Tests.WriteInterfaces;

public sealed class WriteInterfacesRenderTests
{
    /// <summary>The guide's stanzas for host1, comments included, with documentation addresses for 2.2.2.2 and 3.3.3.3.</summary>
    private const string SeedHost1 = """
        # auto: to effectively starts it at boot
        # br0=br0: to prevent finding the interface on `ifquery --list`
        auto br0=br0
        allow-ovs br0
        iface br0 inet manual
            ovs_type OVSBridge
            ovs_ports gre1 gre2
            ovs_extra set bridge ${IFACE} stp_enable=true
            mtu 1462

        # no auto; it's an extra config of ovs
        # the gre name should match on both hosts
        allow-br0 gre1
        iface gre1 inet manual
            ovs_type OVSPort
            ovs_bridge br0
            ovs_extra set interface ${IFACE} type=gre options:remote_ip=192.0.2.2

        allow-br0 gre2
        iface gre2 inet manual
            ovs_type OVSPort
            ovs_bridge br0
            ovs_extra set interface ${IFACE} type=gre options:remote_ip=192.0.2.3

        # auto: create on start
        auto docker0=docker0
        iface docker0 inet static
            address 172.17.42.1
            network 172.17.0.0
            netmask 255.255.0.0
            bridge_ports br0
            mtu 1462
        """;

    public static TheoryData<int> SeedHosts => new() { 1, 2, 3 };

    internal static MeshHost SeedHost(int number, Action<MeshInventory>? change = null)
    {
        var inventory = MeshInventory.Seed();
        change?.Invoke(inventory);
        return inventory.Layout().Hosts[number - 1];
    }

    [Theory]
    [MemberData(nameof(SeedHosts))]
    public void The_seed_hosts_render_as_their_snapshots(int number)
    {
        Snapshot.Match(InterfacesRenderer.Render(SeedHost(number), null, fastStp: false), "WriteInterfaces", $"seed-host{number}");
    }

    [Fact]
    public void Host1_has_exactly_the_guides_stanzas_and_options()
    {
        var rendered = InterfacesFile.Parse(InterfacesRenderer.Render(SeedHost(1), null, fastStp: false));

        Assert.True(InterfacesFile.Parse(SeedHost1).SameAs(rendered));
    }

    [Fact]
    public void The_netdev_layout_renders_as_its_snapshot()
    {
        var host = SeedHost(1, i => i.With("datapath", "netdev"));

        Snapshot.Match(InterfacesRenderer.Render(host, "52:54:00:AB:CD:01", fastStp: false), "WriteInterfaces", "netdev-host1");
    }

    [Fact]
    public void The_linux_bridge_vxlan_layout_renders_as_its_snapshot()
    {
        var host = SeedHost(1, i => i.With("switch", "linux-bridge").With("tunnel", "vxlan"));

        Snapshot.Match(InterfacesRenderer.Render(host, null, fastStp: true), "WriteInterfaces", "linux-bridge-vxlan-host1");
    }

    [Theory]
    [InlineData("ovs", "system", "gre")]
    [InlineData("ovs", "netdev", "gre")]
    [InlineData("ovs", "system", "vxlan")]
    [InlineData("linux-bridge", "system", "vxlan")]
    [InlineData("linux-bridge", "system", "gre")]
    public async Task Every_layout_is_accepted_by_ifquery(string switchKind, string datapath, string tunnel)
    {
        using var harness = new ModuleTestHost();
        var host = SeedHost(1, i => i.With("switch", switchKind).With("datapath", datapath).With("tunnel", tunnel));
        var meshFile = harness.PathOf("converge-mesh");
        var main = harness.PathOf("interfaces");
        await File.WriteAllTextAsync(meshFile, InterfacesRenderer.Render(host, "52:54:00:ab:cd:01", fastStp: false));
        await File.WriteAllTextAsync(main, $"auto lo\niface lo inet loopback\n\nsource {meshFile}\n");
        var connection = new LocalConnection("localhost");

        var list = await connection.RunAsync(CommandSpec.Probe("ifquery", "-i", main, "--list"), CancellationToken.None);
        var docker0 = await connection.RunAsync(CommandSpec.Probe("ifquery", "-i", main, "docker0"), CancellationToken.None);

        Assert.True(list.Succeeded, list.Stderr);
        Assert.Empty(list.Stderr);
        Assert.Contains("docker0", list.Stdout.Split('\n'));
        Assert.True(docker0.Succeeded, docker0.Stderr);
        Assert.Contains("address: 172.17.42.1\n", docker0.Stdout, StringComparison.Ordinal);
        Assert.Contains($"mtu: {host.Mtu}\n", docker0.Stdout, StringComparison.Ordinal);
        foreach (var port in host.Ports)
        {
            var stanza = await connection.RunAsync(CommandSpec.Probe("ifquery", "-i", main, port.Name), CancellationToken.None);
            Assert.True(stanza.Succeeded, stanza.Stderr);
            Assert.Contains(port.RemoteIp, stanza.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ifquery_sees_the_seeds_ovs_bridge_options()
    {
        using var harness = new ModuleTestHost();
        var meshFile = harness.PathOf("converge-mesh");
        await File.WriteAllTextAsync(meshFile, InterfacesRenderer.Render(SeedHost(1), null, fastStp: false));

        var br0 = await new LocalConnection("localhost").RunAsync(CommandSpec.Probe("ifquery", "-i", meshFile, "br0"), CancellationToken.None);

        Assert.Equal("ovs_type: OVSBridge\novs_ports: gre1 gre2\novs_extra: set bridge ${IFACE} stp_enable=true\nmtu: 1462\n", br0.Stdout);
    }
}
