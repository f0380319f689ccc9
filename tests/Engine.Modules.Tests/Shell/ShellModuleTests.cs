using Converge.Core.Diagnostics;
using Converge.Modules.Files;
using Converge.Modules.Shell;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Shell;

public sealed class ShellModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly ShellModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Pipes_and_redirects_work_and_creates_makes_the_rerun_in_sync()
    {
        var parameters = new ShellParams { Cmd = "echo one two | wc -w > words.txt", Chdir = _host.Target, Creates = "words.txt" };
        var before = _host.Snapshot();

        var predicted = await _host.CheckAsync(_module, parameters);
        Assert.Equal(before, _host.Snapshot());
        var (_, result) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal(new Core.Modules.Change("shell", null, "/bin/sh -c 'echo one two | wc -w > words.txt'"), Assert.Single(predicted.Changes));
        Assert.Equal("2\n", await File.ReadAllTextAsync(_host.PathOf("words.txt")));
        Assert.Equal(0, result!.Output["rc"]);
        Assert.False(again.IsDrift);
        Assert.Equal("skipped, since words.txt exists", again.Reason);
    }

    [Fact]
    public async Task A_command_invalidates_the_facts_it_may_have_changed()
    {
        var path = _host.PathOf("f");
        await File.WriteAllTextAsync(path, "before");
        var context = _host.Context();
        var file = new FileModule();
        var parameters = new FileParams { Path = path, Content = "before" };
        Assert.False((await file.CheckAsync(context, parameters, CancellationToken.None)).IsDrift);
        var shell = new ShellParams { Cmd = $"echo after > {path}" };

        await _module.ApplyAsync(context, shell, await _module.CheckAsync(context, shell, CancellationToken.None), CancellationToken.None);
        var plan = await file.CheckAsync(context, parameters, CancellationToken.None);

        Assert.True(plan.IsDrift);
    }

    [Fact]
    public async Task A_failing_script_fails_the_task_with_the_stderr_tail()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() =>
            _host.ConvergeAsync(_module, new ShellParams { Cmd = "echo partial; echo broken >&2; exit 3" }));

        Assert.Equal(3, error.ExitCode);
        Assert.Equal("broken", error.StderrTail);
        Assert.Equal("partial", error.Output!["stdout"]);
        Assert.Contains("exit code 3", error.Message);
    }
}
