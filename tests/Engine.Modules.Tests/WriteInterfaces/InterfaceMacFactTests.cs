using Converge.Modules.Tests.Common;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Modules.WriteInterfaces;

namespace Converge.Modules.Tests.WriteInterfaces;

public sealed class InterfaceMacFactTests
{
    [Fact]
    public void The_parser_lowercases_a_mac_and_gives_null_for_a_missing_interface()
    {
        var fact = new InterfaceMacFact("eth0");

        Assert.Equal("52:54:00:ab:cd:01", fact.Parse(new(0, null, "52:54:00:AB:CD:01\n", string.Empty)));
        Assert.Null(fact.Parse(new(1, null, string.Empty, "cat: /sys/class/net/eth0/address: No such file or directory")));
    }

    [Fact]
    public async Task The_probe_reads_sysfs_on_the_host()
    {
        var mac = await new FactCache(new LocalConnection("localhost")).GetAsync(new InterfaceMacFact("lo"), CancellationToken.None);

        Assert.Equal("00:00:00:00:00:00", mac);
    }

    [Fact]
    public async Task The_netdev_layout_pins_the_mac_read_from_the_host()
    {
        using var harness = new ModuleTestHost();
        await File.WriteAllTextAsync(harness.PathOf("interfaces"), "# the user's file\n");
        var mesh = WriteInterfacesRenderTests.SeedHost(1, i => i.With("datapath", "netdev").With("underlay_interface", "lo"));
        var parameters = new WriteInterfacesParams { Mesh = mesh, Path = harness.PathOf("converge-mesh"), InterfacesFile = harness.PathOf("interfaces") };

        var plan = await new WriteInterfacesModule().CheckAsync(harness.Context(checkMode: true), parameters, CancellationToken.None);

        Assert.Contains("+    ovs_extra set bridge ${IFACE} datapath_type=netdev other-config:hwaddr=\\\"00:00:00:00:00:00\\\"\n", plan.Changes[0].Diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_netdev_layout_without_the_underlay_interface_says_what_to_set()
    {
        using var harness = new ModuleTestHost();
        var mesh = WriteInterfacesRenderTests.SeedHost(1, i => i.With("datapath", "netdev").With("underlay_interface", "nosuch0"));
        var parameters = new WriteInterfacesParams { Mesh = mesh, Path = harness.PathOf("converge-mesh"), InterfacesFile = harness.PathOf("interfaces") };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => new WriteInterfacesModule().CheckAsync(harness.Context(), parameters, CancellationToken.None));

        Assert.Equal(
            "write-interfaces: cannot read the MAC address of nosuch0 (/sys/class/net/nosuch0/address), which the netdev layout pins on br-phy; set underlay_hwaddr",
            error.Message);
    }
}
