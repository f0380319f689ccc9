namespace Converge.Modules.Mesh;

/// <summary>
/// A validated mesh: its definition, the per-host plans in inventory order, the numbered links, the links
/// STP may block (those outside a spanning tree rooted at the first host), the MTU and how it was computed.
/// </summary>
public sealed record MeshLayout(
    MeshDefinition Definition,
    IReadOnlyList<MeshHost> Hosts,
    IReadOnlyList<MeshLink> Links,
    IReadOnlySet<int> MayBlock,
    int Mtu,
    string MtuReason);
