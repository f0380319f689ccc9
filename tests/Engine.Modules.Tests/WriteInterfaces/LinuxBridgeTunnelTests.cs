using Converge.Core.Connections;
using Converge.Modules.Tests.Common;
using Converge.Modules.WriteInterfaces;

namespace Converge.Modules.Tests.WriteInterfaces;

/// <summary>
/// The linux-bridge layout's tunnel stanzas brought up by the real ifupdown, inside a private network
/// namespace of the test (an eth0 veth with the host's underlay address; no packet leaves the namespace).
/// </summary>
public sealed class LinuxBridgeTunnelTests
{
    [RootFact]
    public async Task Ifup_creates_the_planned_vxlan_devices_and_ifdown_removes_them()
    {
        using var harness = new ModuleTestHost();
        var host = WriteInterfacesRenderTests.SeedHost(1, i => i.With("switch", "linux-bridge").With("tunnel", "vxlan"));
        var file = harness.PathOf("interfaces");
        await File.WriteAllTextAsync(file, InterfacesRenderer.Render(host, null, fastStp: false));
        var script = $"""
            set -e
            ip link add eth0 type veth peer name peer0
            ip addr add {host.UnderlayAddress}/24 dev eth0
            ip link set eth0 up
            ifup -i "$1" --state-dir "$2" vx1 vx2
            ip -d -o link show vx1
            ip -d -o link show vx2
            ifdown -i "$1" --state-dir "$2" vx1 vx2
            ip -o link show | grep -c ' vx' || true
            """;

        var result = await new LocalConnection("localhost").RunAsync(
            CommandSpec.Change("unshare", "--net", "sh", "-c", script, "sh", file, harness.Target), CancellationToken.None);

        Assert.True(result.Succeeded, result.Stderr);
        var lines = result.Stdout.Trim().Split('\n');
        Assert.Contains("mtu 1450", lines[0], StringComparison.Ordinal);
        Assert.Contains("vxlan id 101 remote 192.0.2.2 local 192.0.2.1 dev eth0", lines[0], StringComparison.Ordinal);
        Assert.Contains("vxlan id 102 remote 192.0.2.3 local 192.0.2.1 dev eth0", lines[1], StringComparison.Ordinal);
        Assert.Equal("0", lines[^1]);
    }
}
