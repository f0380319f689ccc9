using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Modules.Raw;
using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Raw;

/// <summary><c>raw</c>: always "will run", run once by the real shell as a command (never a batched probe).</summary>
public sealed class RawModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Check_predicts_a_run_and_apply_runs_the_line_once_through_the_shell()
    {
        var marker = _host.PathOf("raw.out");
        var parameters = ValidationProbe.Bind(new RawModule(), $"'echo one > {marker}; echo two >> {marker}; echo done'");
        var connection = new CountingConnection(new LocalConnection("localhost"));

        var predicted = await _host.CheckAsync(new RawModule(), parameters);
        Assert.False(File.Exists(marker));
        var context = _host.Context(connection);
        var plan = await new RawModule().CheckAsync(context, parameters, CancellationToken.None);
        var result = await new RawModule().ApplyAsync(context, parameters, plan, CancellationToken.None);

        Assert.Equal("will run", predicted.Reason);
        Assert.Equal("one\ntwo\n", await File.ReadAllTextAsync(marker));
        Assert.Equal("done", result.Output["stdout"]);
        Assert.Equal(0, connection.Probes);
        Assert.Equal(1, connection.Changes);
    }

    [Fact]
    public async Task A_failing_line_fails_with_its_rc_and_output_registered()
    {
        var parameters = new RawParams { Cmd = "echo oops >&2; exit 3", Executable = "/bin/bash" };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(new RawModule(), parameters));

        Assert.Equal(3, error.ExitCode);
        Assert.Equal("oops", error.Output!["stderr"]);
    }
}
