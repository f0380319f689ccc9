using System.Net;
using System.Net.Sockets;
using Converge.Core.Diagnostics;

namespace Converge.Modules.Mesh;

/// <summary>
/// Expands one mesh definition over its hosts and validates it as a whole. Each rule reports every
/// offender with host names and values; the build goes on after a problem so that all are reported at once.
/// Split by concern: links and topology, addressing (slices and bridge addresses), MTU and Docker exposure.
/// </summary>
internal sealed partial class MeshLayoutBuilder(
    MeshDefinition definition,
    IReadOnlyList<MeshMember> members,
    SourceSpan definitionSpan,
    Func<string, string, SourceSpan> originOf,
    DiagnosticBag diagnostics)
{
    /// <summary>The host variable that overrides a host's docker0 address.</summary>
    public const string BridgeAddressVar = "mesh_bridge_address";

    /// <summary>The host variable that overrides a host's fixed-cidr slice.</summary>
    public const string SliceVar = "mesh_slice";

    private readonly List<string> _names = [.. members.Select(m => m.Name)];
    private bool _failed;

    private SourceSpan DefinitionSpan => definitionSpan;

    public MeshLayout? Build()
    {
        CheckCombinations();
        var underlay = ReadUnderlay();
        var links = ExpandLinks();
        var mayBlock = CheckTopology(links);
        var bridgeAddresses = AssignBridgeAddresses();
        var slices = AssignSlices(bridgeAddresses);
        CheckAddresses(bridgeAddresses, slices);
        var (mtu, mtuReason) = ComputeMtu(underlay);
        var dockerHosts = DockerHosts(bridgeAddresses);
        if (_failed)
        {
            return null;
        }

        var hosts = members.Select((member, i) => HostPlan(i, underlay, links, bridgeAddresses, slices, mtu, dockerHosts)).ToList();
        return new MeshLayout(definition, hosts, links, mayBlock, mtu, mtuReason);
    }

    private void CheckCombinations()
    {
        if (definition.Switch == MeshSwitch.LinuxBridge && definition.Datapath == MeshDatapath.Netdev)
        {
            Error(DefinitionSpan, "mesh.datapath: netdev is the Open vSwitch userspace datapath; it needs switch: ovs");
        }

        if (definition.Switch == MeshSwitch.LinuxBridge && definition.Stp == MeshStp.Rstp)
        {
            Error(DefinitionSpan, "mesh.stp: rstp needs switch: ovs (the kernel bridge speaks only classic STP); use stp: true");
        }

        if (definition.Tunnel == MeshTunnel.Vxlan && definition.GreKey is not null)
        {
            Error(DefinitionSpan, "mesh.gre_key: a GRE key applies only to tunnel: gre; VXLAN tunnels get a VNI per host pair from vni_base");
        }
    }

    private IReadOnlyList<IPAddress?> ReadUnderlay()
    {
        var addresses = new List<IPAddress?>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var variable = definition.UnderlayVar;
            if (!member.Variables.TryGetValue(variable, out var value) || value is null || (value is string s && s.Length == 0))
            {
                Error(DefinitionSpan, $"mesh: host {member.Name} has no underlay address; set {variable} to its IP address");
                addresses.Add(null);
                continue;
            }

            var text = value.ToString()!;
            if (!IPAddress.TryParse(text, out var address) || (address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3))
            {
                Error(originOf(member.Name, variable), $"mesh: the underlay address '{text}' of host {member.Name} ({variable}) is not an IP address; tunnels need literal addresses");
                addresses.Add(null);
                continue;
            }

            if (seen.TryGetValue(address.ToString(), out var first))
            {
                Error(originOf(member.Name, variable), $"mesh: hosts {first} and {member.Name} have the same underlay address {address} ({variable})");
            }
            else
            {
                seen[address.ToString()] = member.Name;
            }

            addresses.Add(address);
        }

        return addresses;
    }

    private MeshHost HostPlan(
        int index,
        IReadOnlyList<IPAddress?> underlay,
        IReadOnlyList<MeshLink> links,
        IReadOnlyList<uint> bridgeAddresses,
        IReadOnlyList<Ipv4Cidr?> slices,
        int mtu,
        IReadOnlyList<IReadOnlyList<string>> dockerHosts)
    {
        var name = _names[index];
        var ports = links.Where(l => l.Touches(name)).Select(link => new MeshPort
        {
            Name = link.PortName(definition.Tunnel),
            Peer = link.Other(name),
            RemoteIp = underlay[_names.IndexOf(link.Other(name))]!.ToString(),
            LocalIp = underlay[index]!.ToString(),
            Vni = definition.Tunnel == MeshTunnel.Vxlan ? definition.VniBase + link.Number : null,
            Key = definition.Tunnel == MeshTunnel.Gre ? definition.GreKey : null,
        });
        var network = definition.DockerNetwork;
        return new MeshHost
        {
            Name = name,
            Switch = definition.Switch == MeshSwitch.Ovs ? "ovs" : "linux-bridge",
            Datapath = definition.Datapath == MeshDatapath.Netdev ? "netdev" : "system",
            Tunnel = definition.Tunnel == MeshTunnel.Gre ? "gre" : "vxlan",
            Bridge = definition.Bridge,
            Stp = definition.Stp.ToString().ToLowerInvariant(),
            Mtu = mtu,
            PingSize = mtu - 28,
            UnderlayAddress = underlay[index]!.ToString(),
            UnderlayInterface = definition.UnderlayInterface,
            UnderlayPrefix = definition.UnderlayPrefix,
            UnderlayGateway = definition.UnderlayGateway,
            Ports = [.. ports],
            DockerBridge = definition.DockerBridge,
            Address = Ipv4Cidr.Format(bridgeAddresses[index]),
            Netmask = network.NetmaskText,
            Network = network.NetworkText,
            Prefix = network.Prefix,
            FixedCidr = slices[index]!.Value.ToString(),
            DockerHosts = dockerHosts[index],
            Peers = [.. _names.Select((peer, i) => new MeshPeer { Name = peer, Address = Ipv4Cidr.Format(bridgeAddresses[i]) }).Where(p => p.Name != name)],
        };
    }

    private void Error(SourceSpan span, string message)
    {
        _failed = true;
        diagnostics.Add(span, message);
    }
}
