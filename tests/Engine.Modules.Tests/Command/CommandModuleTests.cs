using Converge.Core.Diagnostics;
using Converge.Modules.Command;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Command;

public sealed class CommandModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly CommandModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Without_a_guard_it_will_run_and_apply_runs_it_once_with_output_for_register()
    {
        var parameters = new CommandParams { Cmd = "printf '%s\\n' 'a b' c" };

        var plan = await _host.CheckAsync(_module, parameters);
        var (_, result) = await _host.ConvergeAsync(_module, parameters);

        Assert.Equal("will run", plan.Reason);
        Assert.Equal(new Core.Modules.Change("command", null, "printf '%s\\n' 'a b' c"), Assert.Single(plan.Changes));
        Assert.Equal(0, result!.Output["rc"]);
        Assert.Equal("a b\nc", result.Output["stdout"]);
        Assert.Equal(new List<string> { "a b", "c" }, result.Output["stdout_lines"]);
        Assert.Equal("printf '%s\\n' 'a b' c", result.Output["cmd"]);
    }

    [Fact]
    public async Task Creates_guard_makes_the_rerun_in_sync_and_check_mode_runs_nothing()
    {
        var marker = _host.PathOf("done");
        var parameters = new CommandParams { Argv = ["touch", "done"], Chdir = _host.Target, Creates = "done" };
        var before = _host.Snapshot();

        var predicted = await _host.CheckAsync(_module, parameters);
        var unchanged = _host.Snapshot();
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.True(predicted.IsDrift);
        Assert.Equal(before, unchanged);
        Assert.True(File.Exists(marker));
        Assert.False(again.IsDrift);
        Assert.Equal("skipped, since done exists", again.Reason);
        Assert.Equal(true, again.Output["skipped"]);
    }

    [Fact]
    public async Task Removes_guard_is_in_sync_when_the_path_is_missing()
    {
        var plan = await _host.CheckAsync(_module, new CommandParams { Cmd = "rm /nowhere/x", Removes = "/nowhere/x" });

        Assert.False(plan.IsDrift);
        Assert.Equal("skipped, since /nowhere/x does not exist", plan.Reason);
    }

    [Fact]
    public async Task A_failing_command_fails_the_task_with_exit_code_stderr_and_output()
    {
        var parameters = new CommandParams { Cmd = "ls /definitely/not/here" };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, parameters));

        Assert.Equal(2, error.ExitCode);
        Assert.Equal("ls /definitely/not/here", error.Command);
        Assert.Contains("No such file", error.StderrTail);
        Assert.Equal(2, error.Output!["rc"]);
    }

    [Fact]
    public async Task Shell_syntax_reaches_the_program_literally()
    {
        var (_, result) = await _host.ConvergeAsync(_module, new CommandParams { Cmd = "echo $HOME | > *" });

        Assert.Equal("$HOME | > *", result!.Output["stdout"]);
    }

    [Fact]
    public async Task Stdin_is_given_to_the_program()
    {
        var (_, result) = await _host.ConvergeAsync(_module, new CommandParams { Cmd = "cat", Stdin = "from stdin" });

        Assert.Equal("from stdin", result!.Output["stdout"]);
    }

    [Theory]
    [InlineData(null, "give exactly one of cmd")]
    [InlineData("echo 'open", "unterminated single quote")]
    [InlineData("   ", "cmd is empty")]
    public void The_validator_explains_each_mistake(string? cmd, string expected)
    {
        var result = new CommandParamsValidator().Validate(new CommandParams { Cmd = cmd });

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(expected, StringComparison.Ordinal));
    }
}
