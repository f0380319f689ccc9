namespace Converge.Lab.Tests.Seed;

/// <summary>The seed's own layout on lab hosts: Open vSwitch (userspace datapath), a GRE full mesh, RSTP; MTU 1462.</summary>
public sealed class OvsSeedLab() : SeedLab("ovs", "lab", mtu: 1462)
{
    public override IReadOnlyList<string> SpanningTreeCommand => ["ovs-appctl", "rstp/show", "br0"];

    public override string RootMarker => "This bridge is the root";

    public override string BlockedMarker => "Discarding";

    public override string Protocol => "RSTP";
}
