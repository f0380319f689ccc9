using Converge.Modules.InstallPkg;

namespace Converge.Modules.Tests.InstallPkg;

/// <summary>The shapes <c>deb:</c> accepts, including a registered <c>build-deb</c> result.</summary>
public sealed class DebReferencesTests
{
    [Fact]
    public void A_registered_build_deb_result_gives_its_artifacts_with_metadata()
    {
        var registered = new Dictionary<string, object?>
        {
            ["changed"] = false,
            ["artifacts"] = new List<object?>
            {
                new Dictionary<string, object?> { ["path"] = "/store/a_1_all.deb", ["package"] = "a", ["version"] = "1", ["architecture"] = "all", ["sha256"] = "ab" },
            },
        };

        Assert.True(DebReferences.TryRead(registered, out var debs, out _));
        Assert.Equal(new DebReference("/store/a_1_all.deb") { Package = "a", Version = "1", Architecture = "all", Sha256 = "ab" }, Assert.Single(debs));
    }

    [Fact]
    public void Paths_and_a_single_path_are_accepted()
    {
        Assert.True(DebReferences.TryRead(new List<object?> { "x.deb", "y.deb" }, out var many, out _));
        Assert.True(DebReferences.TryRead("z.deb", out var one, out _));

        Assert.Equal(["x.deb", "y.deb"], many.Select(d => d.Path));
        Assert.Equal("z.deb", Assert.Single(one).Path);
    }

    [Fact]
    public void Something_that_is_not_a_deb_is_refused_with_a_message()
    {
        Assert.False(DebReferences.TryRead(new List<object?> { "notes.txt" }, out _, out var error));

        Assert.Equal("'notes.txt' is not a .deb file", error);
    }

    [Fact]
    public void A_registered_result_without_artifacts_says_the_build_has_not_run()
    {
        var pending = new Dictionary<string, object?> { ["changed"] = true, ["failed"] = false, ["msg"] = "hello has not been built" };

        Assert.False(DebReferences.TryRead(pending, out _, out var error));

        Assert.Equal("the registered result has no artifacts: the build-deb task it comes from has not built anything yet", error);
    }
}
