namespace Converge.Lab.Tests.Seed;

/// <summary>The second variant: Linux bridges joined by kernel VXLAN tunnels with kernel STP; MTU 1450.</summary>
public sealed class VxlanSeedLab() : SeedLab("vxlan", "lab-vxlan", mtu: 1450)
{
    public override IReadOnlyList<string> SpanningTreeCommand =>
    [
        "/bin/sh", "-c",
        "bridge link show; b=/sys/class/net/docker0/bridge; [ \"$(cat $b/root_id)\" = \"$(cat $b/bridge_id)\" ] && echo 'this bridge is the root' || true",
    ];

    public override string RootMarker => "this bridge is the root";

    public override string BlockedMarker => "state blocking";

    public override string Protocol => "STP";
}
