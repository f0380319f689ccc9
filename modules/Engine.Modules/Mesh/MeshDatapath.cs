namespace Converge.Modules.Mesh;

/// <summary>
/// The OVS datapath. <see cref="Netdev"/> is the userspace datapath: userspace GRE only carries traffic
/// when the underlay address sits on an OVS bridge, so eth0 becomes a port of <c>br-phy</c>, which holds
/// the host address with its hardware address pinned (see LAB-NOTES, "Data planes that work here").
/// </summary>
public enum MeshDatapath
{
    System,
    Netdev,
}
