using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Reboot;
using Converge.Modules.Tests.Common;
using Converge.TestKit.Sshd;

namespace Converge.Modules.Tests.Reboot;

/// <summary>
/// <c>reboot</c> against a host that really goes away: the reboot command writes a new boot id and kills
/// the test's own sshd (the listener and its sessions, by pid), and the test starts sshd again a second
/// later, as a host coming back from a reboot. The module must see the drop, reconnect and see the new id.
/// </summary>
[Trait("Requires", "sshd")]
public sealed class RebootOverSshTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [SshdFact]
    public async Task The_connection_drops_and_the_module_reconnects_until_the_boot_id_differs()
    {
        await using var server = await SshServer.StartAsync(hosts: 1);
        var folder = server.HostDirectory(0);
        var bootId = Path.Combine(folder, "boot_id");
        var requests = Path.Combine(folder, "requests");
        await File.WriteAllTextAsync(bootId, "boot-1\n");
        var pid = server.ProcessId;
        var options = new ConnectionOptions { KnownHostsFile = server.KnownHostsFile, ConnectTimeout = TimeSpan.FromSeconds(5) };
        await using var connection = ConnectionFactory.Create("host1", server.HostVariables(0), options);
        await connection.OpenAsync(CancellationToken.None);
        var parameters = new RebootParams
        {
            // Like a real reboot, the new boot id exists only once the host has gone down.
            RebootCommand = $"echo requested >> {requests}; kill $(ps -o pid= --ppid {pid}) {pid}; echo boot-2 > {bootId}",
            BootIdPath = bootId,
            Msg = "",
            TestCommand = "whoami",
            RebootTimeout = 60,
        };
        var module = new RebootModule();
        var context = _host.Context(connection);
        var plan = await module.CheckAsync(context, parameters, CancellationToken.None);

        var applying = module.ApplyAsync(context, parameters, plan, CancellationToken.None);
        await WaitUntilAsync(() => File.Exists(requests) && !ListenerRunning(pid) && File.ReadAllText(bootId).Trim() == "boot-2", TimeSpan.FromSeconds(30));
        Assert.False(applying.IsCompleted, "the module must still be waiting while the host is down");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await server.StopAsync();
        await server.StartAgainAsync();
        var result = await applying.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("boot-1", result.Output["boot_id_before"]);
        Assert.Equal("boot-2", result.Output["boot_id_after"]);
        Assert.Equal("requested\n", await File.ReadAllTextAsync(requests));
        Assert.Equal("root", (await connection.RunAsync(CommandSpec.Probe("whoami"), CancellationToken.None)).Stdout.Trim());
    }

    /// <summary>The listener is gone once its /proc entry is gone or a zombie (the test process reaps it later).</summary>
    private static bool ListenerRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadAllText(status).Contains("State:\tZ", StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the reboot command did not take sshd down in time");
            await Task.Delay(100);
        }
    }
}
