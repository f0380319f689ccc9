using Converge.Core.Diagnostics;
using Converge.Modules.Files;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Files;

public sealed class FileLinkTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly FileModule _module = new();

    public FileLinkTests() => File.WriteAllText(_host.PathOf("target"), "t\n");

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_symlink_is_created_then_in_sync_and_a_wrong_target_is_replaced()
    {
        var parameters = new FileParams { Path = _host.PathOf("link"), Src = "target", State = "link" };

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(File.Exists(_host.PathOf("link")));
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        var retarget = await _host.ConvergeAsync(_module, parameters with { Src = _host.PathOf("target") });

        Assert.True(check.IsDrift);
        Assert.False(again.IsDrift, again.Reason);
        Assert.True(retarget.Plan.IsDrift);
        Assert.Equal(_host.PathOf("target"), new FileInfo(_host.PathOf("link")).LinkTarget);
    }

    /// <summary>
    /// As Ansible 2.14's file (follow defaults to true; checked with ansible-playbook on a 0600 target: changed, the
    /// target 0644, then ok): mode on a symlink task is the mode of what it names; the link itself is left as it is.
    /// </summary>
    [Fact]
    public async Task Mode_on_a_symlink_task_sets_the_target_s_mode_then_is_in_sync()
    {
        File.SetUnixFileMode(_host.PathOf("target"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var parameters = new FileParams { Path = _host.PathOf("link"), Src = "target", State = "link", Mode = "0644" };

        var first = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        File.SetUnixFileMode(_host.PathOf("target"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var modeOnly = await _host.ConvergeAsync(_module, parameters);

        Assert.Equal(2, first.Plan.Changes.Count);
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal([_host.PathOf("target") + ": mode"], modeOnly.Plan.Changes.Select(c => c.Path));
        Assert.Equal("target", new FileInfo(_host.PathOf("link")).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(_host.PathOf("target")));
    }

    [Fact]
    public async Task A_hard_link_shares_the_inode_then_in_sync()
    {
        var parameters = new FileParams { Path = _host.PathOf("hard"), Src = _host.PathOf("target"), State = "hard" };

        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        await File.AppendAllTextAsync(_host.PathOf("target"), "more\n");

        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal("t\nmore\n", await File.ReadAllTextAsync(_host.PathOf("hard")));
    }

    [Fact]
    public async Task A_file_is_replaced_only_with_force_and_a_missing_src_fails_without_it()
    {
        await File.WriteAllTextAsync(_host.PathOf("file"), "data\n");

        var refused = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new FileParams { Path = _host.PathOf("file"), Src = "target", State = "link" }));
        var missing = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new FileParams { Path = _host.PathOf("l"), Src = "nope", State = "link" }));
        await _host.ConvergeAsync(_module, new FileParams { Path = _host.PathOf("file"), Src = "target", State = "link", Force = true });

        Assert.Contains("force", refused.Message, StringComparison.Ordinal);
        Assert.Contains("src file does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Equal("target", new FileInfo(_host.PathOf("file")).LinkTarget);
    }

    [Fact]
    public void The_validator_wants_src_for_a_link()
    {
        var result = new FileParamsValidator().Validate(new FileParams { Path = "/usr/local/bin/tool", State = "link" });

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains("needs src", StringComparison.Ordinal));
    }
}
