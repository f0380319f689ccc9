using Converge.Core.Diagnostics;
using Converge.Modules.Tests.Common;
using Converge.Modules.Unarchive;
using Converge.TestKit;

namespace Converge.Modules.Tests.Unarchive;

/// <summary>unarchive on real archives and files: check writes nothing and reports the drift, apply extracts, a rerun is in sync.</summary>
public sealed class UnarchiveModuleTests : IDisposable
{
    private static readonly string Archives = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", "Differential", "files");

    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("tree.tar.gz")]
    [InlineData("tree.tar.bz2")]
    [InlineData("tree.tar.xz")]
    [InlineData("tree.zip")]
    public async Task Check_changes_nothing_apply_extracts_and_a_rerun_is_in_sync(string archive)
    {
        Directory.CreateDirectory(_host.PathOf("dest"));
        var parameters = new UnarchiveParams { Src = Path.Combine(Archives, archive), Dest = _host.PathOf("dest"), ListFiles = true };
        var before = _host.Snapshot();

        var check = await _host.CheckAsync(new UnarchiveModule(), parameters);
        var untouched = _host.Snapshot();
        await _host.ConvergeAsync(new UnarchiveModule(), parameters);
        var again = await _host.CheckAsync(new UnarchiveModule(), parameters);

        Assert.True(check.IsDrift);
        Assert.Equal(before, untouched);
        Assert.Contains(check.Changes, c => c.Path == _host.PathOf("dest/tree/sub/deep/c.txt") + ": state");
        Assert.Equal("deep\n", await File.ReadAllTextAsync(_host.PathOf("dest/tree/sub/deep/c.txt")));
        Assert.False(again.IsDrift, again.Reason);
        Assert.Contains("tree/sub/b.conf", (IEnumerable<string>)again.Output["files"]!);
    }

    [Fact]
    public async Task A_host_archive_given_with_the_old_copy_no_is_listed_on_the_host_and_a_changed_member_is_extracted_again()
    {
        Directory.CreateDirectory(_host.PathOf("dest"));
        File.Copy(Path.Combine(Archives, "tree.tar.xz"), _host.PathOf("tree.tar.xz"));
        var parameters = new UnarchiveParams { Src = _host.PathOf("tree.tar.xz"), Dest = _host.PathOf("dest"), Copy = false, ExtraOpts = ["--strip-components=1"] };

        await _host.ConvergeAsync(new UnarchiveModule(), parameters);
        await File.WriteAllTextAsync(_host.PathOf("dest/a.conf"), "edited\n");
        var drift = await _host.CheckAsync(new UnarchiveModule(), parameters);
        await _host.ConvergeAsync(new UnarchiveModule(), parameters);
        var again = await _host.CheckAsync(new UnarchiveModule(), parameters);

        Assert.Equal(_host.PathOf("dest/a.conf") + ": content", Assert.Single(drift.Changes).Path);
        Assert.Equal("a = 1\n", await File.ReadAllTextAsync(_host.PathOf("dest/a.conf")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task A_missing_host_archive_and_a_file_as_dest_fail_saying_so()
    {
        await File.WriteAllTextAsync(_host.PathOf("file"), "x");

        var missing = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new UnarchiveModule(), new UnarchiveParams { Src = _host.PathOf("none.tar.gz"), Dest = _host.Target, RemoteSrc = true }));
        var notDir = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new UnarchiveModule(), new UnarchiveParams { Src = Path.Combine(Archives, "tree.zip"), Dest = _host.PathOf("file") }));

        Assert.Contains("does not exist", missing.Message);
        Assert.Contains("must be an existing dir", notDir.Message);
    }

    [Theory]
    [InlineData("https://example.org/x.tar.gz", "src is a URL: add remote_src: true")]
    [InlineData("x.rar", "not an archive Converge can read")]
    public void The_validator_explains_each_mistake(string src, string expected)
    {
        var result = new UnarchiveParamsValidator().Validate(new UnarchiveParams { Src = src, Dest = "/opt" });

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(expected, StringComparison.Ordinal));
    }
}
