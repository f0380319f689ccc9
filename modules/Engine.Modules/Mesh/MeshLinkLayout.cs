namespace Converge.Modules.Mesh;

/// <summary>How hosts are linked: a ring, every pair (the seed's three hosts), a star around a hub, or listed pairs.</summary>
public enum MeshLinkLayout
{
    Ring,
    Full,
    Star,
    Explicit,
}
