using Converge.Modules.Stat;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Stat;

/// <summary><c>stat</c> against real files: Ansible's return keys, in check mode too, and nothing changed.</summary>
public sealed class StatModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly StatModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_file_gives_Ansibles_stat_keys_with_a_sha1_checksum_in_check_mode()
    {
        var path = _host.PathOf("motd");
        await File.WriteAllTextAsync(path, "hello\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var before = _host.Snapshot();

        var plan = await _host.CheckAsync(_module, new StatParams { Path = path });

        var stat = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(plan.Output["stat"]);
        Assert.False(plan.IsDrift);
        Assert.Equal($"{path} exists (file, mode 0640)", plan.Reason);
        Assert.Equal(true, stat["exists"]);
        Assert.Equal(true, stat["isreg"]);
        Assert.Equal(false, stat["isdir"]);
        Assert.Equal("0640", stat["mode"]);
        Assert.Equal(6L, stat["size"]);
        Assert.Equal(true, stat["rgrp"]);
        Assert.Equal(false, stat["roth"]);
        Assert.Equal("f572d396fae9206628714fb2ce00f72e94f2258f", stat["checksum"]); // sha1sum of "hello\n"
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public async Task A_symbolic_link_is_described_or_followed()
    {
        var target = _host.PathOf("target");
        Directory.CreateDirectory(target);
        var link = _host.PathOf("link");
        File.CreateSymbolicLink(link, target);

        var own = (IReadOnlyDictionary<string, object?>)(await _host.CheckAsync(_module, new StatParams { Path = link })).Output["stat"]!;
        var followed = (IReadOnlyDictionary<string, object?>)(await _host.CheckAsync(_module, new StatParams { Path = link, Follow = true })).Output["stat"]!;

        Assert.Equal(true, own["islnk"]);
        Assert.Equal(target, own["lnk_target"]);
        Assert.Equal(true, followed["isdir"]);
    }

    [Fact]
    public async Task A_missing_path_exists_false()
    {
        var plan = await _host.CheckAsync(_module, new StatParams { Path = _host.PathOf("nothing"), ChecksumAlgorithm = "sha256" });

        Assert.Equal(false, ((IReadOnlyDictionary<string, object?>)plan.Output["stat"]!)["exists"]);
        Assert.EndsWith("does not exist", plan.Reason);
    }
}
