using System.Net.Sockets;
using Converge.Core.Connections.Ssh.Wire;

namespace Converge.Core.Connections.Ssh;

/// <summary>A connection through Converge's own client (<see cref="WireClient"/>).</summary>
internal sealed class WireSession(WireClient client) : SshSession
{
    public override bool IsConnected => client.IsConnected;

    public override bool DirectInput => true;

    public override Socket? Socket => client.Socket;

    public override Task<PersistentShell> StartShellAsync(string? first, CancellationToken ct) => PersistentShell.StartAsync(client, first, ct);

    public override void Disconnect() => client.Disconnect();

    public override void Dispose() => client.Dispose();
}
