using System.Net.Sockets;
using System.Reflection;
using Renci.SshNet;

namespace Converge.Core.Connections.Ssh;

/// <summary>A connection through SSH.NET: for servers that offer none of what <see cref="WireSession"/> speaks, or when post-quantum key exchange is asked for.</summary>
internal sealed class SshNetSession(SshClient client) : SshSession
{
    public override bool IsConnected => client.IsConnected;

    public override bool DirectInput => false;

    /// <summary>
    /// SSH.NET waits synchronously for channel-open confirmations and channel window space. With many hosts in
    /// parallel those waits hold pool threads, and the pool's slow thread injection (one per ~0.5 s beyond the
    /// minimum) would serialize the hosts, so the minimum is raised before the first SSH.NET connection. Converge's
    /// own client never blocks a pool thread, and with it more threads than cores only cost CPU in spinning and
    /// switching (issue 14), so the pool keeps its default until SSH.NET is needed.
    /// </summary>
    public static void RaiseThreadPoolMinimum()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < 128)
        {
            ThreadPool.SetMinThreads(128, completionPorts);
        }
    }

    /// <summary>SSH.NET does not expose its socket, so it is read from the session by reflection; <c>DeadPeerTests</c> fails if an upgrade moves it.</summary>
    public override Socket? Socket
    {
        get
        {
            var session = typeof(BaseClient).GetProperty("Session", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(client);
            return session?.GetType().GetField("_socket", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(session) as Socket;
        }
    }

    public override Task<PersistentShell> StartShellAsync(string? first, CancellationToken ct) => Task.FromResult(PersistentShell.Start(client, first));

    public override void Disconnect() => client.Disconnect();

    public override void Dispose() => client.Dispose();
}
