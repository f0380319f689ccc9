namespace Converge.Modules.Mesh;

/// <summary>Spanning tree on the mesh bridge: off, classic STP (the seed), or rapid STP (OVS only).</summary>
public enum MeshStp
{
    Off,
    Stp,
    Rstp,
}
