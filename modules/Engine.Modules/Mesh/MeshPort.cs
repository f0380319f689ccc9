namespace Converge.Modules.Mesh;

/// <summary>
/// One tunnel port of a host: its name (the same on both ends), the peer, the addresses of both ends,
/// the VXLAN network identifier (unique per host pair) or the GRE key.
/// </summary>
public sealed record MeshPort
{
    public required string Name { get; init; }

    public required string Peer { get; init; }

    public required string RemoteIp { get; init; }

    public required string LocalIp { get; init; }

    public long? Vni { get; init; }

    public long? Key { get; init; }
}
