using System.Text;
using Converge.Modules.Mesh;

namespace Converge.Modules.WriteInterfaces;

/// <summary>
/// Renders the mesh stanzas of one host. Three layouts:
/// <list type="bullet">
/// <item>OVS, system datapath: the seed's stanzas exactly (OVSPort + <c>ovs_extra set interface ... type=gre</c>).</item>
/// <item>OVS, netdev datapath (userspace): eth0 moves into <c>br-phy</c>, which holds the underlay address with the
/// hardware address pinned, and tunnels are <c>OVSTunnel</c> ports (LAB-NOTES, "Data planes that work here").</item>
/// <item>Linux bridge: one kernel vxlan (or gretap) device per peer, bridged straight into docker0 with kernel
/// STP. A bridge cannot be a port of another bridge, and with the tunnels on docker0 itself the frames they
/// carry pass Docker's own <c>-i docker0 -o docker0 -j ACCEPT</c> rule, where a separate br0 would be dropped
/// by the FORWARD DROP policy dockerd sets (LAB-NOTES).</item>
/// </list>
/// </summary>
public static class InterfacesRenderer
{
    public static string Render(MeshHost mesh, string? underlayHwaddr, bool fastStp)
    {
        var text = new StringBuilder();
        text.Append("# Managed by Converge (write-interfaces) for ").Append(mesh.Name).Append(": the mesh stanzas.\n")
            .Append("# Changes here are replaced on the next run; edit the inventory's mesh definition instead.\n");
        if (mesh.Switch == "linux-bridge")
        {
            LinuxBridge(text, mesh, fastStp);
        }
        else
        {
            if (mesh.Datapath == "netdev")
            {
                PhysicalBridge(text, mesh, underlayHwaddr ?? throw new ArgumentException("the netdev datapath needs the underlay MAC address", nameof(underlayHwaddr)));
            }

            OvsBridge(text, mesh);
            DockerBridge(text, mesh, mesh.Bridge, stp: false, fastStp: false, maxwait: mesh.Datapath == "netdev");
        }

        return text.ToString();
    }

    /// <summary>The interfaces the rendered file defines, to detect clashes with the user's own stanzas.</summary>
    public static IReadOnlyList<string> Interfaces(MeshHost mesh) => mesh switch
    {
        { Switch: "linux-bridge" } => [.. mesh.Ports.Select(p => p.Name), mesh.DockerBridge],
        { Datapath: "netdev" } => ["br-phy", mesh.UnderlayInterface, mesh.Bridge, .. mesh.Ports.Select(p => p.Name), mesh.DockerBridge],
        _ => [mesh.Bridge, .. mesh.Ports.Select(p => p.Name), mesh.DockerBridge],
    };

    private static void PhysicalBridge(StringBuilder text, MeshHost mesh, string hwaddr)
    {
        // Userspace GRE only carries traffic when the underlay address sits on an OVS bridge; the MAC is pinned,
        // or ARP and OVS's tunnel neighbour cache go stale when br-phy picks another one.
        text.Append("\nauto br-phy=br-phy\nallow-ovs br-phy\niface br-phy inet static\n")
            .Append("    address ").Append(mesh.UnderlayAddress).Append('/').Append(mesh.UnderlayPrefix).Append('\n');
        if (mesh.UnderlayGateway is not null)
        {
            text.Append("    gateway ").Append(mesh.UnderlayGateway).Append('\n');
        }

        text.Append("    ovs_type OVSBridge\n")
            .Append("    ovs_ports ").Append(mesh.UnderlayInterface).Append('\n')
            .Append("    ovs_extra set bridge ${IFACE} datapath_type=netdev other-config:hwaddr=\\\"").Append(hwaddr.ToLowerInvariant()).Append("\\\"\n")
            .Append('\n')
            .Append("allow-br-phy ").Append(mesh.UnderlayInterface).Append('\n')
            .Append("iface ").Append(mesh.UnderlayInterface).Append(" inet manual\n")
            .Append("    ovs_bridge br-phy\n")
            .Append("    ovs_type OVSPort\n");
    }

    private static void OvsBridge(StringBuilder text, MeshHost mesh)
    {
        var netdev = mesh.Datapath == "netdev";
        // "br0=br0" keeps the OVS bridge out of `ifquery --list --allow auto`, which some cloud init jobs wait on (seed).
        text.Append("\nauto ").Append(mesh.Bridge).Append('=').Append(mesh.Bridge).Append('\n')
            .Append("allow-ovs ").Append(mesh.Bridge).Append('\n')
            .Append("iface ").Append(mesh.Bridge).Append(" inet manual\n")
            .Append("    ovs_type OVSBridge\n");
        if (mesh.Ports.Count > 0)
        {
            text.Append("    ovs_ports ").AppendJoin(' ', mesh.Ports.Select(p => p.Name)).Append('\n');
        }

        var settings = new List<string>();
        if (netdev)
        {
            settings.Add("datapath_type=netdev");
        }

        if (mesh.Stp != "off")
        {
            settings.Add(mesh.Stp == "rstp" ? "rstp_enable=true" : "stp_enable=true");
        }

        if (settings.Count > 0)
        {
            text.Append("    ovs_extra set bridge ${IFACE} ").AppendJoin(' ', settings).Append('\n');
        }

        text.Append("    mtu ").Append(mesh.Mtu).Append('\n');
        foreach (var port in mesh.Ports)
        {
            var options = new List<string> { "options:remote_ip=" + port.RemoteIp };
            if (port.Vni is { } vni)
            {
                options.Add("options:key=" + vni);
            }
            else if (port.Key is { } key)
            {
                options.Add("options:key=" + key);
            }

            // No "auto": the bridge brings its ports up (ifup --allow=br0); the name matches the peer's port (seed).
            text.Append("\nallow-").Append(mesh.Bridge).Append(' ').Append(port.Name).Append('\n')
                .Append("iface ").Append(port.Name).Append(" inet manual\n");
            if (netdev)
            {
                text.Append("    ovs_bridge ").Append(mesh.Bridge).Append('\n')
                    .Append("    ovs_type OVSTunnel\n")
                    .Append("    ovs_tunnel_type ").Append(mesh.Tunnel).Append('\n')
                    .Append("    ovs_tunnel_options ").AppendJoin(' ', options).Append('\n');
            }
            else
            {
                text.Append("    ovs_type OVSPort\n")
                    .Append("    ovs_bridge ").Append(mesh.Bridge).Append('\n')
                    .Append("    ovs_extra set interface ${IFACE} type=").Append(mesh.Tunnel).Append(' ').AppendJoin(' ', options).Append('\n');
            }
        }
    }

    private static void LinuxBridge(StringBuilder text, MeshHost mesh, bool fastStp)
    {
        foreach (var port in mesh.Ports)
        {
            var device = mesh.Tunnel == "vxlan"
                ? $"type vxlan id {port.Vni} remote {port.RemoteIp} local {port.LocalIp} dstport 4789 dev {mesh.UnderlayInterface}"
                : $"type gretap remote {port.RemoteIp} local {port.LocalIp}" + (port.Key is { } key ? $" key {key}" : string.Empty);
            text.Append("\nauto ").Append(port.Name).Append('\n')
                .Append("iface ").Append(port.Name).Append(" inet manual\n")
                .Append("    pre-up ip link add ${IFACE} ").Append(device).Append('\n')
                .Append("    up ip link set ${IFACE} up\n")
                .Append("    post-down ip link del ${IFACE}\n")
                .Append("    mtu ").Append(mesh.Mtu).Append('\n');
        }

        var ports = mesh.Ports.Count == 0 ? "none" : string.Join(' ', mesh.Ports.Select(p => p.Name));
        DockerBridge(text, mesh, ports, mesh.Stp != "off", fastStp, maxwait: true);
    }

    private static void DockerBridge(StringBuilder text, MeshHost mesh, string ports, bool stp, bool fastStp, bool maxwait)
    {
        // Defined here rather than by Docker so that every host has its own address on the shared segment (seed).
        text.Append("\nauto ").Append(mesh.DockerBridge).Append('=').Append(mesh.DockerBridge).Append('\n')
            .Append("iface ").Append(mesh.DockerBridge).Append(" inet static\n")
            .Append("    address ").Append(mesh.Address).Append('\n')
            .Append("    network ").Append(mesh.Network).Append('\n')
            .Append("    netmask ").Append(mesh.Netmask).Append('\n')
            .Append("    bridge_ports ").Append(ports).Append('\n');
        if (stp)
        {
            // A Linux bridge takes the lowest MAC of its ports, so each container's veth could change the
            // bridge ID and restart spanning tree across the mesh; a fixed address (02:42 + the IPv4
            // address, Docker's scheme) keeps the ID, and so the tree, stable.
            text.Append("    bridge_stp on\n");
            text.Append("    bridge_hw ").Append(BridgeMac(mesh.Address)).Append('\n');
        }

        if (fastStp)
        {
            text.Append("    bridge_hello 1\n    bridge_maxage 6\n    bridge_fd 4\n    bridge_ageing 5\n");
        }

        if (maxwait)
        {
            // bridge-utils otherwise waits up to its maximum for ports to reach forwarding at boot.
            text.Append("    bridge_maxwait 0\n");
        }

        text.Append("    mtu ").Append(mesh.Mtu).Append('\n');
    }

    private static string BridgeMac(string address) =>
        "02:42:" + string.Join(':', System.Net.IPAddress.Parse(address).GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
