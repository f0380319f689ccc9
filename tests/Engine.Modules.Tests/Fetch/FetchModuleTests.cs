using Converge.Core.Diagnostics;
using Converge.Modules.Fetch;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Fetch;

public sealed class FetchModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_file_lands_under_dest_host_src_then_in_sync_and_a_changed_source_is_fetched_again()
    {
        var src = _host.PathOf("app.log");
        await File.WriteAllTextAsync(src, "v1\n");
        var parameters = new FetchParams { Src = src, Dest = "backups" };
        var expected = Path.Combine(_host.PlaybookDirectory, "backups", "localhost") + src;

        var check = await _host.CheckAsync(new FetchModule(), parameters);
        Assert.False(Directory.Exists(Path.Combine(_host.PlaybookDirectory, "backups")));
        var (_, result) = await _host.ConvergeAsync(new FetchModule(), parameters);
        var again = await _host.CheckAsync(new FetchModule(), parameters);
        await File.WriteAllTextAsync(src, "v2\n");
        var drifted = await _host.CheckAsync(new FetchModule(), parameters);

        Assert.True(check.IsDrift);
        Assert.Equal("v1\n", await File.ReadAllTextAsync(expected));
        Assert.Equal(expected, result!.Output["dest"]);
        Assert.False(again.IsDrift, again.Reason);
        Assert.True(drifted.IsDrift);
    }

    [Fact]
    public async Task Flat_uses_dest_itself_and_a_trailing_slash_adds_the_name_and_missing_sources_follow_fail_on_missing()
    {
        var src = _host.PathOf("conf");
        await File.WriteAllTextAsync(src, "x\n");

        await _host.ConvergeAsync(new FetchModule(), new FetchParams { Src = src, Dest = "out/", Flat = true });
        await _host.ConvergeAsync(new FetchModule(), new FetchParams { Src = src, Dest = "named.txt", Flat = true });
        var skipped = await _host.CheckAsync(new FetchModule(), new FetchParams { Src = _host.PathOf("nope"), Dest = "x", FailOnMissing = false });
        var failed = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new FetchModule(), new FetchParams { Src = _host.PathOf("nope"), Dest = "x" }));

        Assert.Equal("x\n", await File.ReadAllTextAsync(Path.Combine(_host.PlaybookDirectory, "out", "conf")));
        Assert.Equal("x\n", await File.ReadAllTextAsync(Path.Combine(_host.PlaybookDirectory, "named.txt")));
        Assert.False(skipped.IsDrift);
        Assert.Contains("does not exist", failed.Message, StringComparison.Ordinal);
    }
}
