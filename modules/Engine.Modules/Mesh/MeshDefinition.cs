namespace Converge.Modules.Mesh;

/// <summary>
/// The <c>mesh</c> mapping of the inventory, read and defaulted. Every value here applies to all hosts of
/// <see cref="Group"/>; per-host values come from host variables (underlay address, optional
/// <c>mesh_bridge_address</c> and <c>mesh_slice</c>).
/// </summary>
public sealed record MeshDefinition
{
    public string Group { get; init; } = "mesh";

    /// <summary>The host variable holding each host's underlay IP address.</summary>
    public string UnderlayVar { get; init; } = "ansible_host";

    public int UnderlayMtu { get; init; } = 1500;

    /// <summary>The underlay interface (vxlan <c>dev</c>, and the port of <c>br-phy</c> with the netdev datapath).</summary>
    public string UnderlayInterface { get; init; } = "eth0";

    /// <summary>Prefix length of the underlay address, for <c>br-phy</c> with the netdev datapath.</summary>
    public int UnderlayPrefix { get; init; } = 24;

    public string? UnderlayGateway { get; init; }

    public MeshTunnel Tunnel { get; init; } = MeshTunnel.Gre;

    public MeshSwitch Switch { get; init; } = MeshSwitch.Ovs;

    public MeshDatapath Datapath { get; init; } = MeshDatapath.System;

    public MeshLinkLayout Links { get; init; } = MeshLinkLayout.Full;

    /// <summary>Listed links for <see cref="MeshLinkLayout.Explicit"/>, as written (pairs or per-host lists).</summary>
    public IReadOnlyList<(string A, string B)> LinkPairs { get; init; } = [];

    /// <summary>Per-host peer lists when links are written as a mapping; they must be symmetric.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? LinkAdjacency { get; init; }

    /// <summary>The centre of <see cref="MeshLinkLayout.Star"/>; the first host when unset.</summary>
    public string? Hub { get; init; }

    public MeshStp Stp { get; init; } = MeshStp.Stp;

    public long? GreKey { get; init; }

    /// <summary>VXLAN network identifiers are <c>vni_base + link number</c>, so each host pair has its own.</summary>
    public int VniBase { get; init; } = 100;

    /// <summary>An explicit MTU; it may be smaller than the computed one, never larger.</summary>
    public int? Mtu { get; init; }

    public string Bridge { get; init; } = "br0";

    public string DockerBridge { get; init; } = "docker0";

    public Ipv4Cidr DockerNetwork { get; init; } = new(0xAC110000, 16);

    /// <summary>Bridge (docker0) addresses are taken in order from this pool, skipping its network address.</summary>
    public Ipv4Cidr BridgePool { get; init; } = new(0xAC112A00, 24);

    /// <summary>The prefix length of each host's fixed-cidr slice; null is <c>auto</c>.</summary>
    public int? SlicePrefix { get; init; } = 18;

    public MeshDockerTcp? DockerTcp { get; init; }

    public bool AllowInsecureTcp { get; init; }
}
