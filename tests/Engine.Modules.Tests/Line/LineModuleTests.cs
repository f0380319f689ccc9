using Converge.Core.Diagnostics;
using Converge.Modules.Line;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Line;

public sealed class LineModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly LineModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_missing_line_is_drift_with_a_diff_then_apply_then_in_sync()
    {
        var path = _host.PathOf("sshd_config");
        await File.WriteAllTextAsync(path, "Port 22\n#PermitRootLogin yes\n");
        var parameters = new LineParams { Path = path, Regexp = "^#?PermitRootLogin", Line = "PermitRootLogin no" };

        var plan = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Contains("-#PermitRootLogin yes\n+PermitRootLogin no\n", Assert.Single(plan.Changes).Diff);
        Assert.Equal("Port 22\nPermitRootLogin no\n", await File.ReadAllTextAsync(path));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task Check_mode_leaves_the_file_alone()
    {
        var path = _host.PathOf("hosts");
        await File.WriteAllTextAsync(path, "127.0.0.1 localhost\n");
        var before = _host.Snapshot();

        var plan = await _host.CheckAsync(_module, new LineParams { Path = path, Line = "10.0.0.2 peer" });

        Assert.True(plan.IsDrift);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public async Task A_missing_file_without_create_is_assumed_in_check_fails_in_apply_and_is_created_with_create()
    {
        var path = _host.PathOf("new.conf");

        var assumed = await _host.CheckAsync(_module, new LineParams { Path = path, Line = "a=1" });
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, new LineParams { Path = path, Line = "a=1" }));
        Assert.False(File.Exists(path));
        await _host.ConvergeAsync(_module, new LineParams { Path = path, Line = "a=1", Create = true, Mode = "0600" });

        Assert.True(assumed.Assumed);
        Assert.Equal($"{path} does not exist; assuming an earlier task creates it", assumed.Reason);
        Assert.Equal($"{path} does not exist; set create: true to create it", error.Message);
        Assert.Equal("a=1\n", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Absent_on_a_missing_file_is_in_sync_and_a_present_line_keeps_a_file_without_final_newline()
    {
        var path = _host.PathOf("no-newline");
        await File.WriteAllTextAsync(path, "a\nb");

        var missing = await _host.CheckAsync(_module, new LineParams { Path = _host.PathOf("nothing"), State = "absent", Line = "x" });
        var present = await _host.CheckAsync(_module, new LineParams { Path = path, Line = "b" });

        Assert.False(missing.IsDrift, missing.Reason);
        Assert.False(present.IsDrift, present.Reason);
    }
}
