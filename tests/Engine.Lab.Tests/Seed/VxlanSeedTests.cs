using Xunit.Abstractions;

namespace Converge.Lab.Tests.Seed;

/// <summary>The seed end to end on the Linux-bridge + VXLAN variant (<c>playbooks/inventories/lab-vxlan</c>).</summary>
public sealed class VxlanSeedTests(VxlanSeedLab seed, ITestOutputHelper output) : SeedEndToEndTests<VxlanSeedLab>(seed, output), IClassFixture<VxlanSeedLab>;
