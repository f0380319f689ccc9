namespace Converge.Lab.Tests.Seed;

/// <summary>The second variant: Linux bridges joined by kernel VXLAN tunnels with kernel STP; MTU 1450.</summary>
public sealed class VxlanSeedLab() : SeedLab("vxlan", "lab-vxlan", mtu: 1450);
