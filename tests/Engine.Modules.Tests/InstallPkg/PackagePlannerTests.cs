using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.InstallPkg;

namespace Converge.Modules.Tests.InstallPkg;

/// <summary>The pure plan of <c>install-pkg</c> from params, resolved .debs and dpkg status.</summary>
public sealed class PackagePlannerTests
{
    private const string ShaA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string ShaB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static readonly DpkgStatus Status = DpkgStatusFact.ParseOutput(
        "pkg\tbridge-utils\tamd64\t1.7.1-1\tinstalled\n" +
        "pkg\topenvswitch-common\tamd64\t2.3.1-1\tinstalled\n" +
        $"sha256\topenvswitch-common\t{ShaA}\n" +
        "candidate\tbridge-utils\t1.7.1-2\n" +
        "cache_age\t100\n");

    private static readonly DebFile Common = new("/c/openvswitch-common_2.3.1-1_amd64.deb", "openvswitch-common", "2.3.1-1", "amd64", ShaA);

    [Fact]
    public void Present_InstalledPackage_IsInSyncWithTheVersionInTheReason()
    {
        var plan = PackagePlanner.Plan(new InstallPkgParams { Name = ["bridge-utils"] }, [], Status);

        Assert.False(plan.IsDrift);
        Assert.Equal("bridge-utils 1.7.1-1 is installed", plan.Reason);
    }

    [Fact]
    public void Present_MissingAndPinnedPackages_AreChangesWithAptArguments()
    {
        var plan = PackagePlanner.Plan(new InstallPkgParams { Name = ["iperf3", "bridge-utils=1.7.1-2"] }, [], Status);

        Assert.Equal(
            [new Change("package iperf3", "not installed", "present"), new Change("package bridge-utils", "1.7.1-1", "1.7.1-2")],
            plan.Changes);
        Assert.Equal(["iperf3", "bridge-utils=1.7.1-2"], ((InstallPkgWork)plan.State!).Install);
    }

    [Fact]
    public void Absent_PackageThatIsNotInstalled_IsInSync()
    {
        var plan = PackagePlanner.Plan(new InstallPkgParams { Name = ["nosuchpkg"], State = "absent" }, [], Status);

        Assert.Equal("nosuchpkg is not installed", plan.Reason);
    }

    [Fact]
    public void Absent_InstalledPackage_IsRemoved()
    {
        var plan = PackagePlanner.Plan(new InstallPkgParams { Name = ["bridge-utils"], State = "absent" }, [], Status);

        Assert.Equal(new Change("package bridge-utils", "1.7.1-1 amd64", "absent"), Assert.Single(plan.Changes));
        Assert.Equal(["bridge-utils"], ((InstallPkgWork)plan.State!).Remove);
    }

    [Fact]
    public void Latest_OlderThanTheCandidate_IsAnUpgrade()
    {
        var plan = PackagePlanner.Plan(new InstallPkgParams { Name = ["bridge-utils"], State = "latest" }, [], Status);

        Assert.Equal(new Change("package bridge-utils", "1.7.1-1", "1.7.1-2"), Assert.Single(plan.Changes));
    }

    [Fact]
    public void Latest_WithoutACandidate_FailsWithAHint()
    {
        var error = Assert.Throws<TaskFailedException>(() => PackagePlanner.Plan(new InstallPkgParams { Name = ["nosuchpkg"], State = "latest" }, [], Status));

        Assert.Contains("no installation candidate", error.Message);
    }

    [Fact]
    public void UpdateCache_OlderThanTheWindow_IsAChange_YoungerIsNot()
    {
        var stale = PackagePlanner.Plan(new InstallPkgParams { UpdateCache = true, CacheValidTime = 60 }, [], Status);
        var fresh = PackagePlanner.Plan(new InstallPkgParams { UpdateCache = true, CacheValidTime = 600 }, [], Status);

        Assert.Equal(new Change("apt cache", "updated 100 s ago", "updated"), Assert.Single(stale.Changes));
        Assert.Equal("the apt cache is younger than 600 s", fresh.Reason);
    }

    [Fact]
    public void Deb_SameVersionArchitectureAndSha_IsInSync()
    {
        var plan = PackagePlanner.Plan(new InstallPkgParams(), [Common], Status);

        Assert.Equal("openvswitch-common 2.3.1-1 amd64 (sha256 aaaaaaaaaaaa) is installed from the same .deb", plan.Reason);
    }

    [Fact]
    public void Deb_SameVersionRebuiltWithOtherContent_IsReinstalled()
    {
        var plan = PackagePlanner.Plan(new InstallPkgParams(), [Common with { Sha256 = ShaB }], Status);

        Assert.Equal(new Change("deb openvswitch-common", "2.3.1-1 amd64 (sha256 aaaaaaaaaaaa)", "2.3.1-1 amd64 (sha256 bbbbbbbbbbbb)"), Assert.Single(plan.Changes));
    }

    [Fact]
    public void Deb_InstalledFromElsewhere_WithoutARecord_IsReinstalled()
    {
        var plan = PackagePlanner.Plan(new InstallPkgParams(), [Common with { Package = "bridge-utils", Version = "1.7.1-1" }], Status);

        Assert.Equal("1.7.1-1 amd64 (no recorded sha256)", Assert.Single(plan.Changes).Before);
    }
}
