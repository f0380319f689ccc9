using System.Globalization;
using System.Text;

namespace Converge.Lab.Tests.DataPlanes;

/// <summary>
/// The seed's network for lab hosts, written by hand: the userspace-datapath layout of LAB-NOTES
/// (eth0 in br-phy holding the host address, its MAC pinned), br0 with one GRE port per peer (the
/// same name on both ends), STP on, MTU 1462, docker0 on top with br0 as its port, and per-host
/// Docker slices of 172.17.0.0/16 that leave the bridge addresses (172.17.42.N) outside every slice.
/// </summary>
internal static class SeedNetwork
{
    public static string BridgeAddress(int index) => string.Create(CultureInfo.InvariantCulture, $"172.17.42.{index + 1}");

    public static string DaemonJson(int index) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"bridge": "docker0", "fixed-cidr": "172.17.{{64 * (index + 1)}}.0/18", "mtu": 1462}""");

    public static string Interfaces(IReadOnlyList<LabHost> hosts, int index)
    {
        var me = hosts[index];
        var tunnels = new StringBuilder();
        var ports = new List<string>();
        for (var peer = 0; peer < hosts.Count; peer++)
        {
            if (peer == index)
            {
                continue;
            }

            var port = string.Create(CultureInfo.InvariantCulture, $"gre{Math.Min(index, peer) + 1}{Math.Max(index, peer) + 1}");
            ports.Add(port);
            tunnels.Append(CultureInfo.InvariantCulture, $"""

                allow-br0 {port}
                iface {port} inet manual
                    ovs_bridge br0
                    ovs_type OVSTunnel
                    ovs_tunnel_type gre
                    ovs_tunnel_options options:remote_ip={hosts[peer].Address}

                """);
        }

        return $"""
            auto lo
            iface lo inet loopback

            allow-ovs br-phy
            iface br-phy inet static
                address {me.Address}/24
                ovs_type OVSBridge
                ovs_ports eth0
                ovs_extra set bridge br-phy datapath_type=netdev -- set bridge br-phy other-config:hwaddr={me.Mac}

            allow-br-phy eth0
            iface eth0 inet manual
                ovs_bridge br-phy
                ovs_type OVSPort

            allow-ovs br0
            iface br0 inet manual
                mtu 1462
                ovs_type OVSBridge
                ovs_ports {string.Join(' ', ports)}
                ovs_extra set bridge br0 datapath_type=netdev stp_enable=true
            {tunnels}
            auto docker0
            iface docker0 inet static
                address {BridgeAddress(index)}
                netmask 255.255.0.0
                bridge_ports br0
                bridge_stp off
                bridge_maxwait 0
                mtu 1462

            """;
    }
}
