namespace Converge.Modules.Mesh;

/// <summary>
/// Everything one host needs from the mesh plan: published to templates as the <c>mesh_host</c> variable
/// (snake_case keys) and accepted by <c>write-interfaces</c> as its <c>mesh</c> parameter, so a hand-written
/// mapping with the same keys works without the planner. Choices are strings (<c>ovs</c>, <c>gre</c>, ...)
/// exactly as written in the inventory.
/// </summary>
public sealed record MeshHost
{
    public required string Name { get; init; }

    /// <summary><c>ovs</c> or <c>linux-bridge</c>.</summary>
    public string Switch { get; init; } = "ovs";

    /// <summary><c>system</c> or <c>netdev</c> (OVS userspace).</summary>
    public string Datapath { get; init; } = "system";

    /// <summary><c>gre</c> or <c>vxlan</c>.</summary>
    public string Tunnel { get; init; } = "gre";

    /// <summary>The OVS bridge joining the tunnels (linux-bridge puts the tunnels on the docker bridge).</summary>
    public string Bridge { get; init; } = "br0";

    /// <summary><c>off</c>, <c>stp</c> or <c>rstp</c>.</summary>
    public string Stp { get; init; } = "stp";

    public required int Mtu { get; init; }

    public required string UnderlayAddress { get; init; }

    public string UnderlayInterface { get; init; } = "eth0";

    public int UnderlayPrefix { get; init; } = 24;

    public string? UnderlayGateway { get; init; }

    public IReadOnlyList<MeshPort> Ports { get; init; } = [];

    public string DockerBridge { get; init; } = "docker0";

    /// <summary>The docker0 address, e.g. <c>172.17.42.1</c>.</summary>
    public required string Address { get; init; }

    public required string Netmask { get; init; }

    public required string Network { get; init; }

    public required int Prefix { get; init; }

    /// <summary>The host's slice of the docker network for Docker's <c>fixed-cidr</c>.</summary>
    public required string FixedCidr { get; init; }

    /// <summary>Docker's <c>-H</c> listeners (the unix socket, and TCP when the mesh exposes it).</summary>
    public IReadOnlyList<string> DockerHosts { get; init; } = [];

    public IReadOnlyList<MeshPeer> Peers { get; init; } = [];

    /// <summary>
    /// The ICMP payload that fills the MTU exactly (MTU − 20 IPv4 − 8 ICMP), for the final check
    /// <c>ping -M do -s PING_SIZE PEER</c>: 1434 passes at MTU 1462 and 1435 does not (LAB-NOTES).
    /// </summary>
    public int PingSize { get; init; }

    /// <summary>The <c>mesh_host</c> variable: plain values with snake_case keys; absent optional values are left out.</summary>
    public IReadOnlyDictionary<string, object?> ToVariables()
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = Name,
            ["switch"] = Switch,
            ["datapath"] = Datapath,
            ["tunnel"] = Tunnel,
            ["bridge"] = Bridge,
            ["stp"] = Stp,
            ["mtu"] = (long)Mtu,
            ["underlay_address"] = UnderlayAddress,
            ["underlay_interface"] = UnderlayInterface,
            ["underlay_prefix"] = (long)UnderlayPrefix,
            ["ports"] = Ports.Select(PortVariables).ToList<object?>(),
            ["docker_bridge"] = DockerBridge,
            ["address"] = Address,
            ["netmask"] = Netmask,
            ["network"] = Network,
            ["prefix"] = (long)Prefix,
            ["fixed_cidr"] = FixedCidr,
            ["docker_hosts"] = DockerHosts.ToList<object?>(),
            ["ping_size"] = (long)PingSize,
            ["peers"] = Peers.Select(p => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = p.Name, ["address"] = p.Address }).ToList(),
        };
        if (UnderlayGateway is not null)
        {
            variables["underlay_gateway"] = UnderlayGateway;
        }

        return variables;
    }

    private static object? PortVariables(MeshPort port)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = port.Name,
            ["peer"] = port.Peer,
            ["remote_ip"] = port.RemoteIp,
            ["local_ip"] = port.LocalIp,
        };
        if (port.Vni is { } vni)
        {
            variables["vni"] = vni;
        }

        if (port.Key is { } key)
        {
            variables["key"] = key;
        }

        return variables;
    }
}
