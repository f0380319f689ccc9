namespace Converge.Modules.Mesh;

/// <summary>The encapsulation between hosts.</summary>
public enum MeshTunnel
{
    Gre,
    Vxlan,
}
