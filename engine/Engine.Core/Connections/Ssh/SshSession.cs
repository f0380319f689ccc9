using System.Net.Sockets;

namespace Converge.Core.Connections.Ssh;

/// <summary>One logged-in SSH connection to a host, through SSH.NET (<see cref="SshNetSession"/>) or Converge's own client (<see cref="WireSession"/>).</summary>
internal abstract class SshSession : IDisposable
{
    public abstract bool IsConnected { get; }

    /// <summary>The TCP socket, for <see cref="DeadPeerDetection"/>; null when it cannot be reached.</summary>
    public abstract Socket? Socket { get; }

    /// <summary>Starts a <see cref="PersistentShell"/> on a new exec channel, with a <paramref name="first"/> script in its exec request if given.</summary>
    public abstract Task<PersistentShell> StartShellAsync(string? first, CancellationToken ct);

    /// <summary>Closes the connection politely; the shells end with it.</summary>
    public abstract void Disconnect();

    public abstract void Dispose();
}
