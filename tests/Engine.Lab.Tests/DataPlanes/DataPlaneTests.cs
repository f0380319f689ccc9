using Converge.Lab.Tests.Hosts;

namespace Converge.Lab.Tests.DataPlanes;

/// <summary>
/// What the seed needs from lab hosts, with packages from the image's offline repository and no
/// converge modules: the seed's network by hand (Open vSwitch userspace datapath, GRE full mesh with
/// STP, docker0 on br0, Docker slices) with containers pinging across hosts at full MTU, and Docker
/// on one host surviving a reboot.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class DataPlaneTests(SharedLab shared)
{
    private Lab Lab => shared.Lab;

    [LabFact]
    public async Task The_seed_network_built_by_hand_lets_containers_on_every_host_ping_each_other_at_full_mtu_with_df()
    {
        var name = TestLabs.Named("seed");
        var lab = await Lab.UpAsync(new LabSpec(name, Hosts: 3), installMissing: false, CancellationToken.None);
        try
        {
            await Task.WhenAll(lab.Hosts.Select(h => Lab.SshOkAsync(name, h.Name,
                "DEBIAN_FRONTEND=noninteractive apt-get install -y -q openvswitch-switch bridge-utils docker.io >/tmp/apt.log 2>&1 || { tail /tmp/apt.log; exit 1; }")));
            for (var i = 0; i < lab.Hosts.Count; i++)
            {
                var host = lab.Hosts[i];
                await Lab.SshOkAsync(name, host.Name, "cat > /etc/network/interfaces <<'EOF'\n" + SeedNetwork.Interfaces(lab.Hosts, i) + "EOF");
                // docker.io's postinst started dockerd with the default docker0; its network store
                // (local-kv.db) would put 172.17.0.1 back on docker0 at every start, so it goes.
                await Lab.SshOkAsync(name, host.Name,
                    "docker import /srv/images/busybox.tar busybox >/dev/null && " +
                    $"mkdir -p /etc/docker && echo '{SeedNetwork.DaemonJson(i)}' > /etc/docker/daemon.json && " +
                    "service docker stop >/dev/null 2>&1; rm -f /var/lib/docker/network/files/local-kv.db");
            }

            // Interfaces apply at boot, as in the seed: openvswitch-switch, networking (ifup -a), docker.
            await Task.WhenAll(lab.Hosts.Select(h => Lab.RebootAsync(name, h.Name, hard: false, CancellationToken.None)));
            for (var i = 0; i < lab.Hosts.Count; i++)
            {
                var host = lab.Hosts[i];
                Assert.Contains("datapath_type: netdev", await Lab.SshOkAsync(name, host.Name, "ovs-vsctl show"), StringComparison.Ordinal);
                Assert.Equal(SeedNetwork.BridgeAddress(i) + "/16", await Lab.SshOkAsync(name, host.Name, "ip -4 -o addr show docker0 | awk '{print $4}'"));
            }

            // The demo's own probe: a container per host, then every ordered pair at full MTU with DF.
            // A full mesh of three is a loop: STP blocks one link, and forwarding starts after
            // listening and learning (2 x 15 s).
            var probe = new LabMeshProbe(Lab, name);
            var containers = await probe.StartContainersAsync(CancellationToken.None);
            Assert.Equal(["172.17.64.0", "172.17.128.0", "172.17.192.0"], containers.Select(c => c.Address));
            var pings = await probe.PingAllAsync(containers, TimeSpan.FromSeconds(90), CancellationToken.None);

            Assert.Equal(6, pings.Count);
            Assert.All(pings, p => Assert.True(p.Passed, $"{p.From} -> {p.To} ({p.Address}): {p.Detail}"));
            Assert.All(pings, p => Assert.Equal(1434, p.PayloadBytes));
            var tooBig = await Lab.SshAsync(name, "node1", $"docker exec {LabMeshProbe.ContainerName} ping -c1 -W2 -M do -s 1435 {containers[1].Address}");
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
        var name = TestLabs.Named("docker");
        await Lab.UpAsync(new LabSpec(name, Hosts: 1), installMissing: false, CancellationToken.None);
        try
        {
            await Lab.SshOkAsync(name, "node1", "DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >/dev/null 2>&1");
            Assert.Equal("install ok installed", await Lab.SshOkAsync(name, "node1", "dpkg-query -W -f='${Status}' docker.io"));
            await Lab.SshOkAsync(name, "node1", "docker import /srv/images/busybox.tar busybox >/dev/null && docker run -d --restart=always --name c1 busybox sleep 3600 >/dev/null");

            var address = await Lab.SshOkAsync(name, "node1", "docker inspect -f '{{.NetworkSettings.IPAddress}}' c1");
            Assert.StartsWith("172.17.", address, StringComparison.Ordinal);
            await Lab.SshOkAsync(name, "node1", "docker exec c1 ping -c1 -W2 -M do -s 1472 172.17.0.1");

            // dockerd comes back at boot (the lab's init runs /etc/init.d/docker) with the container.
            await Lab.RebootAsync(name, "node1", hard: false, CancellationToken.None);
            await Lab.SshOkAsync(name, "node1", "for i in $(seq 30); do docker exec c1 true 2>/dev/null && exit 0; sleep 1; done; exit 1");
        }
        finally
        {
            await Lab.DownAsync(name, CancellationToken.None);
        }
    }
}
