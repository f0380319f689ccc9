using Converge.Core.Diagnostics;
using Converge.Modules.Ping;
using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Ping;

/// <summary><c>ping</c>: one probe through the real connection, joined to the batch; <c>data: crash</c> fails.</summary>
public sealed class PingModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task It_answers_pong_through_one_probe_and_changes_nothing()
    {
        var connection = new CountingConnection(new Core.Connections.LocalConnection("localhost"));
        var module = new PingModule();
        var context = _host.Context(connection);

        var plan = await module.CheckAsync(context, new PingParams(), CancellationToken.None);

        Assert.False(plan.IsDrift);
        Assert.Equal("pong", plan.Output["ping"]);
        Assert.Single(module.FactsOf(new PingParams()));
        Assert.Equal(1, connection.Probes);
    }

    [Fact]
    public async Task Data_crash_fails_the_task()
    {
        await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new PingModule(), new PingParams { Data = "crash" }));
    }
}
