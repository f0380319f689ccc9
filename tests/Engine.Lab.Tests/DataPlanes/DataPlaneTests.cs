using System.Globalization;
using Converge.Lab.Tests.Hosts;

namespace Converge.Lab.Tests.DataPlanes;

/// <summary>
/// Smoke tests of what the seed needs from a lab host, with packages from the image's offline
/// repository: Open vSwitch with the userspace datapath carrying GRE between two hosts at full MTU,
/// and Docker running a container on docker0.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class DataPlaneTests(SharedLab shared)
{
    private Lab Lab => shared.Lab;

    [LabFact]
    public async Task Ovs_userspace_gre_between_two_hosts_carries_full_mtu_packets_with_df_after_a_reboot()
    {
        const string name = "t-ovs";
        var lab = await Lab.UpAsync(new LabSpec(name, Hosts: 2), installMissing: false, CancellationToken.None);
        try
        {
            await Task.WhenAll(lab.Hosts.Select(h => Lab.SshOkAsync(name, h.Name, "DEBIAN_FRONTEND=noninteractive apt-get install -y -q openvswitch-switch >/dev/null")));
            for (var i = 0; i < 2; i++)
            {
                var me = lab.Hosts[i];
                var peer = lab.Hosts[1 - i];
                await Lab.SshOkAsync(name, me.Name, "cat > /etc/network/interfaces <<'EOF'\n" + OvsInterfaces(me, peer, $"192.168.77.{i + 1}") + "EOF");
            }

            // Interfaces apply at boot, as in the seed: openvswitch-switch, then networking (ifup -a).
            await Task.WhenAll(lab.Hosts.Select(h => Lab.RebootAsync(name, h.Name, hard: false, CancellationToken.None)));
            Assert.Contains("datapath_type: netdev", await Lab.SshOkAsync(name, "node1", "ovs-vsctl show"), StringComparison.Ordinal);
            Assert.Equal(lab.Hosts[0].Address + "/24", await Lab.SshOkAsync(name, "node1", "ip -4 -o addr show br-phy | awk '{print $4}'"));

            // STP holds ports in listening and learning (2 x 15 s) before forwarding.
            await Lab.SshOkAsync(name, "node1", "for i in $(seq 60); do ping -c1 -W1 192.168.77.2 >/dev/null 2>&1 && exit 0; sleep 1; done; exit 1");
            // GRE over IPv4 costs 38 bytes: 1462 - 28 (IP + ICMP headers) = 1434 bytes of payload, DF set.
            await Lab.SshOkAsync(name, "node1", "ping -c3 -W2 -M do -s 1434 192.168.77.2");
            var tooBig = await Lab.SshAsync(name, "node1", "ping -c1 -W2 -M do -s 1435 192.168.77.2");
            Assert.False(tooBig.Succeeded);
        }
        finally
        {
            await Lab.DownAsync(name, CancellationToken.None);
        }
    }

    [LabFact]
    public async Task Docker_installs_offline_and_a_container_from_an_imported_image_gets_an_address_on_docker0()
    {
        const string name = "t-docker";
        await Lab.UpAsync(new LabSpec(name, Hosts: 1), installMissing: false, CancellationToken.None);
        try
        {
            await Lab.SshOkAsync(name, "node1", "DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >/dev/null 2>&1");
            Assert.Equal("install ok installed", await Lab.SshOkAsync(name, "node1", "dpkg-query -W -f='${Status}' docker.io"));
            await Lab.SshOkAsync(name, "node1", "docker import /srv/images/busybox.tar busybox >/dev/null && docker run -d --restart=always --name c1 busybox sleep 3600 >/dev/null");

            var address = await Lab.SshOkAsync(name, "node1", "docker inspect -f '{{.NetworkSettings.IPAddress}}' c1");
            Assert.StartsWith("172.17.", address, StringComparison.Ordinal);
            await Lab.SshOkAsync(name, "node1", "docker exec c1 ping -c1 -W2 172.17.0.1");

            // dockerd comes back at boot (the lab's init runs /etc/init.d/docker) with the container.
            await Lab.RebootAsync(name, "node1", hard: false, CancellationToken.None);
            await Lab.SshOkAsync(name, "node1", "for i in $(seq 30); do docker exec c1 true 2>/dev/null && exit 0; sleep 1; done; exit 1");
        }
        finally
        {
            await Lab.DownAsync(name, CancellationToken.None);
        }
    }

    /// <summary>The userspace-datapath layout of LAB-NOTES: eth0 in br-phy holding the host address, MAC pinned.</summary>
    private static string OvsInterfaces(LabHost me, LabHost peer, string bridgeAddress) => string.Create(CultureInfo.InvariantCulture, $"""
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
        iface br0 inet static
            address {bridgeAddress}/24
            mtu 1462
            ovs_type OVSBridge
            ovs_ports gre1
            ovs_extra set bridge br0 datapath_type=netdev stp_enable=true

        allow-br0 gre1
        iface gre1 inet manual
            ovs_bridge br0
            ovs_type OVSTunnel
            ovs_tunnel_type gre
            ovs_tunnel_options options:remote_ip={peer.Address}

        """);
}
