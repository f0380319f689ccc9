using System.Diagnostics;
using Converge.Core.Connections;
using Converge.Core.Connections.Ssh;
using Converge.Core.Diagnostics;
using Converge.Modules.Tests.Common;
using Converge.Modules.WaitForConnection;

namespace Converge.Modules.Tests.WaitForConnection;

/// <summary><c>wait_for_connection</c> against a real connection that answers (local) and a real SSH port nobody listens on.</summary>
public sealed class WaitForConnectionModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly WaitForConnectionModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_host_that_answers_is_ok_after_the_delay_and_never_a_change()
    {
        var clock = Stopwatch.StartNew();

        var plan = await _host.CheckAsync(_module, new WaitForConnectionParams { Delay = 1 });

        Assert.False(plan.IsDrift);
        // The runtime's timers count whole milliseconds, so a 1 s delay can measure a hair under 1 s by Stopwatch.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20), clock.Elapsed.ToString());
        Assert.Equal(1, plan.Output["elapsed"]);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_times_out_naming_the_last_attempt()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var connection = new SshConnection(new HostConnectionSettings { Host = "gone", Address = "127.0.0.1", Port = port, User = "nobody" }, new ConnectionOptions { ConnectTimeout = TimeSpan.FromSeconds(1) });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _module.CheckAsync(_host.Context(connection), new WaitForConnectionParams { Timeout = 3, Sleep = 1, ConnectTimeout = 1 }, CancellationToken.None));

        Assert.StartsWith("wait_for_connection: timed out waiting for the connection after 3 s (last attempt:", error.Message);
        Assert.InRange(clock.Elapsed.TotalSeconds, 2, 15);
    }

    [Theory]
    [InlineData("{ timeout: 0 }", "wait_for_connection: timeout must be more than 0 seconds")]
    [InlineData("{ delay: 1, sleeep: 2 }", "sleeep")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(ValidationProbe.Problems(_module, yaml), p => p.Contains(message, StringComparison.Ordinal));
    }
}
