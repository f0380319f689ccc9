namespace Converge.Modules.Mesh;

/// <summary>What joins the tunnels on a host: an Open vSwitch bridge (the seed) or a kernel Linux bridge.</summary>
public enum MeshSwitch
{
    Ovs,
    LinuxBridge,
}
