using System.Diagnostics;
using Converge.Core.Connections;
using Converge.Core.Connections.Ssh;
using Converge.Core.Diagnostics;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// A host that vanishes (power lost, network cut) sends nothing back, not even a reset. Before this, the run
/// waited on it for the kernel's ~15 minutes of retransmissions (seen in the lab: a hard-stopped host held
/// the whole seed run). Each test cuts a real sshd in its own network namespace off and expects the host
/// to be reported lost within the keepalive interval plus the dead-peer timeout, not minutes later.
/// </summary>
public sealed class DeadPeerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    [SshdFact]
    public async Task The_dead_peer_timeout_is_armed_on_the_socket_of_every_connection()
    {
        await using var network = await IsolatedNetwork.CreateAsync();
        await using var server = await SshServer.StartInAsync(network);
        await using var connection = (SshConnection)await OpenAsync(server, TimeSpan.FromSeconds(30));

        // Read back from the kernel: fails if an SSH.NET upgrade hides the socket from DeadPeerDetection.
        Assert.Equal(Bound, connection.DeadPeerTimeout);
    }

    [SshdFact]
    public async Task A_host_cut_off_mid_command_is_lost_within_the_timeout_not_after_the_kernels_retries()
    {
        await using var network = await IsolatedNetwork.CreateAsync();
        await using var server = await SshServer.StartInAsync(network);
        await using var connection = await OpenAsync(server, TimeSpan.FromSeconds(1));

        var running = connection.RunAsync(CommandSpec.Change("sleep", "600"), CancellationToken.None);
        await Task.Delay(300);
        await network.CutAsync();
        var clock = Stopwatch.StartNew();
        var lost = await Assert.ThrowsAsync<HostUnreachableException>(() => running.WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Contains("lost while running `sleep 600`", lost.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"noticed after {clock.Elapsed}");
    }

    [SshdFact]
    public async Task A_host_cut_off_between_tasks_fails_the_next_command_instead_of_hanging()
    {
        await using var network = await IsolatedNetwork.CreateAsync();
        await using var server = await SshServer.StartInAsync(network);
        await using var connection = await OpenAsync(server, TimeSpan.FromSeconds(1));
        Assert.True((await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None)).Succeeded);

        await network.CutAsync();
        var next = connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None);

        await Assert.ThrowsAsync<HostUnreachableException>(() => next.WaitAsync(TimeSpan.FromMinutes(2)));
    }

    private static async Task<IConnection> OpenAsync(SshServer server, TimeSpan keepAlive)
    {
        var options = TestConnections.Options(server) with { KeepAliveInterval = keepAlive, DeadPeerTimeout = Bound };
        return await TestConnections.OpenAsync(server, options: options);
    }
}
