namespace Converge.Modules.Mesh;

/// <summary>Another host of the mesh and its docker0 address (for the final reachability check).</summary>
public sealed record MeshPeer
{
    public required string Name { get; init; }

    public required string Address { get; init; }
}
