using Converge.Core.Diagnostics;
using Converge.Modules.Script;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Script;

public sealed class ScriptModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public ScriptModuleTests()
    {
        Directory.CreateDirectory(Path.Combine(_host.PlaybookDirectory, "files"));
        File.WriteAllText(Path.Combine(_host.PlaybookDirectory, "files", "setup.sh"), "#!/bin/sh\necho \"args: $*\"\necho warn >&2\ntouch \"$1\"\n");
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_script_runs_on_the_host_with_its_arguments_then_creates_makes_it_in_sync()
    {
        var marker = _host.PathOf("done");
        var parameters = new ScriptParams { Cmd = $"setup.sh {marker} 'two words'", Creates = marker };

        var check = await _host.CheckAsync(new ScriptModule(), parameters);
        var (_, result) = await _host.ConvergeAsync(new ScriptModule(), parameters);
        var again = await _host.CheckAsync(new ScriptModule(), parameters);

        Assert.True(check.IsDrift);
        Assert.Equal($"args: {marker} two words", result!.Output["stdout"]);
        Assert.Equal("warn", result.Output["stderr"]);
        Assert.Equal(0, result.Output["rc"]);
        Assert.True(File.Exists(marker));
        Assert.False(again.IsDrift, again.Reason);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "converge-script.*"), d => File.Exists(Path.Combine(d, "setup.sh")));
    }

    [Fact]
    public async Task A_missing_script_fails_the_check_naming_where_it_looked_and_a_failing_one_gives_its_rc()
    {
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "files", "fail.sh"), "#!/bin/sh\nexit 3\n");

        var missing = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new ScriptModule(), new ScriptParams { Cmd = "nope.sh" }));
        var failed = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(new ScriptModule(), new ScriptParams { Cmd = "fail.sh", Executable = "/bin/sh" }));

        Assert.Contains("files", missing.Message, StringComparison.Ordinal);
        Assert.Equal(3, failed.ExitCode);
    }
}
