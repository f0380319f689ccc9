using Converge.Modules.BuildDeb;

namespace Converge.Modules.Tests.BuildDeb;

/// <summary>The pure parsers of <c>build-deb</c>: the source probe and the collect script's output.</summary>
public sealed class BuildHostStateTests
{
    [Fact]
    public void Parse_SourceHashAndStamp()
    {
        var stamp = new BuildStamp("s1", "o1", [new BuildStamp.Built("a_1_all.deb", "a", "1", "all", "ab")]);

        var state = BuildSourceFact.ParseOutput("source 0123abcd\nstamp\n" + stamp.ToJson());

        Assert.Equal("0123abcd", state.SourceSha256);
        Assert.Equal(stamp.Artifacts, state.Stamp!.Artifacts);
        Assert.Equal("s1", state.Stamp.SourceSha256);
    }

    [Fact]
    public void Parse_NoStampOrAGarbledOne_MeansNeverBuilt()
    {
        Assert.Null(BuildSourceFact.ParseOutput("source 01\n").Stamp);
        Assert.Null(BuildSourceFact.ParseOutput("source 01\nstamp\n{ not json").Stamp);
    }

    [Fact]
    public void ParseCollected_ReadsFileShaPackageVersionArchitecture_Deduplicated()
    {
        var built = BuildDebModule.ParseCollected(
            "openvswitch-switch_2.3.1-1_amd64.deb\tbb\topenvswitch-switch\t2.3.1-1\tamd64\n" +
            "openvswitch-common_2.3.1-1_amd64.deb\taa\topenvswitch-common\t2.3.1-1\tamd64\n" +
            "openvswitch-common_2.3.1-1_amd64.deb\taa\topenvswitch-common\t2.3.1-1\tamd64\n");

        Assert.Equal(
            [new BuildStamp.Built("openvswitch-common_2.3.1-1_amd64.deb", "openvswitch-common", "2.3.1-1", "amd64", "aa"),
             new BuildStamp.Built("openvswitch-switch_2.3.1-1_amd64.deb", "openvswitch-switch", "2.3.1-1", "amd64", "bb")],
            built);
    }

    [Fact]
    public void Options_hash_ignores_parallel_but_not_nocheck()
    {
        var baseline = new BuildDebParams { Src = "/src/ovs" };

        Assert.Equal(BuildDebModule.OptionsSha256(baseline), BuildDebModule.OptionsSha256(baseline with { Parallel = 8 }));
        Assert.NotEqual(BuildDebModule.OptionsSha256(baseline), BuildDebModule.OptionsSha256(baseline with { Nocheck = false }));
    }

    [Fact]
    public void Source_name_drops_tarball_extensions()
    {
        Assert.Equal("openvswitch-2.3.1", BuildDebModule.SourceName(new BuildDebParams { Tarball = "files/openvswitch-2.3.1.tar.gz" }));
        Assert.Equal("ovs", BuildDebModule.SourceName(new BuildDebParams { Src = "/usr/src/ovs/" }));
    }
}
