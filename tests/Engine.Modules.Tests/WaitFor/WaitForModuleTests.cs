using System.Net;
using System.Net.Sockets;
using Converge.Core.Diagnostics;
using Converge.Modules.Tests.Common;
using Converge.Modules.WaitFor;

namespace Converge.Modules.Tests.WaitFor;

/// <summary><c>wait_for</c> against a real TCP listener on loopback and real files: in sync when the condition holds, waits otherwise.</summary>
public sealed class WaitForModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly WaitForModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_open_port_is_started_and_a_closed_one_stopped_without_waiting()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var started = await _host.CheckAsync(_module, new WaitForParams { Port = port });
        listener.Stop();
        var stopped = await _host.CheckAsync(_module, new WaitForParams { Port = port, State = "stopped" });
        var notStarted = await _host.CheckAsync(_module, new WaitForParams { Port = port, Timeout = 1 });

        Assert.False(started.IsDrift, started.Reason);
        Assert.False(stopped.IsDrift, stopped.Reason);
        Assert.Equal($"will wait up to 1 s for 127.0.0.1:{port} to be started", notStarted.Reason);
    }

    [Fact]
    public async Task Apply_waits_until_a_file_holds_the_pattern()
    {
        var path = _host.PathOf("app.log");
        var parameters = new WaitForParams { Path = path, SearchRegex = "ready on [0-9]+", Timeout = 30 };
        _ = Task.Run(async () =>
        {
            await Task.Delay(1500);
            await File.WriteAllTextAsync(path, "booting\nready on 8080\n");
        });

        var (plan, result) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.True(plan.IsDrift);
        Assert.InRange((long)result!.Output["elapsed"]!, 1, 10);
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task A_timeout_fails_with_Ansibles_message_or_msg()
    {
        var path = _host.PathOf("never");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, new WaitForParams { Path = path, Timeout = 1 }));
        var custom = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, new WaitForParams { Path = path, Timeout = 1, Msg = "no lock file" }));

        Assert.Equal($"Timeout when waiting for file {path}", error.Message);
        Assert.Equal("no lock file", custom.Message);
    }

    [Theory]
    [InlineData("{ port: 80, path: /tmp/x }", "wait_for: give port or path, not both (they are mutually exclusive)")]
    [InlineData("{ path: /tmp/x, state: absent, search_regex: x }", "wait_for: search_regex cannot be used with state absent")]
    [InlineData("{ state: drained }", "wait_for: state drained needs a port")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(message, ValidationProbe.Problems(_module, yaml));
    }
}
