using Converge.Core.Diagnostics;
using Converge.Modules.Sudoers;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Sudoers;

/// <summary><c>sudoers</c> check → apply → check on real files, validated by the real <c>visudo -cf</c>.</summary>
public sealed class SudoersModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly SudoersModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_rule_file_is_written_as_community_general_renders_it_mode_0440_then_in_sync()
    {
        var parameters = new SudoersParams { Name = "deploy-restart", User = "deploy", Commands = ["/usr/bin/systemctl restart nginx", "/usr/bin/systemctl reload nginx"], Runas = "root", SudoersPath = _host.Target };
        var file = _host.PathOf("deploy-restart");

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(File.Exists(file));
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.True(check.IsDrift);
        Assert.Equal("deploy ALL=(root)NOPASSWD: /usr/bin/systemctl restart nginx, /usr/bin/systemctl reload nginx\n", await File.ReadAllTextAsync(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead, File.GetUnixFileMode(file));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task A_rule_visudo_rejects_is_never_put_in_place()
    {
        var parameters = new SudoersParams { Name = "ops", Group = "ops", Commands = ["ALL"], Host = "bad=host", SudoersPath = _host.Target };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, parameters));

        Assert.Contains("failed validation (`visudo -cf", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_host.Target));
    }

    [Fact]
    public async Task Absent_removes_the_file()
    {
        var parameters = new SudoersParams { Name = "ops", Group = "ops", Commands = ["ALL"], Nopassword = false, SudoersPath = _host.Target };
        await _host.ConvergeAsync(_module, parameters);
        Assert.Equal("%ops ALL= ALL\n", await File.ReadAllTextAsync(_host.PathOf("ops")));

        await _host.ConvergeAsync(_module, parameters with { State = "absent" });
        var again = await _host.CheckAsync(_module, parameters with { State = "absent" });

        Assert.False(File.Exists(_host.PathOf("ops")));
        Assert.False(again.IsDrift);
    }

    [Theory]
    [InlineData("{ name: x, user: a, group: b, commands: ALL }", "sudoers: give exactly one of user and group")]
    [InlineData("{ name: x, user: a, commands: [systemctl] }", "sudoers: command 'systemctl' must be an absolute path or ALL")]
    [InlineData("{ name: a.b, user: a, commands: ALL }", "sudoers: name 'a.b' must be letters")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(ValidationProbe.Problems(_module, yaml), p => p.StartsWith(message, StringComparison.Ordinal));
    }
}
