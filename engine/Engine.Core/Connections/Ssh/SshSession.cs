using System.Net.Sockets;

namespace Converge.Core.Connections.Ssh;

/// <summary>One logged-in SSH connection to a host, through SSH.NET (<see cref="SshNetSession"/>) or Converge's own client (<see cref="WireSession"/>).</summary>
internal abstract class SshSession : IDisposable
{
    public abstract bool IsConnected { get; }

    /// <summary>
    /// Whether a file write may read its content straight from the shell's own input (<see cref="PersistentShellScript"/>).
    /// A write that fails without reading it makes the loop exit while the content may still be streaming, and only
    /// Converge's own client guarantees that no data follows its CLOSE (OpenSSH ends the connection on data for a
    /// channel it has freed); SSH.NET's send can race its own close, so under SSH.NET the content goes through
    /// <c>head -c</c>, which the loop drains when the script does not read it.
    /// </summary>
    public abstract bool DirectInput { get; }

    /// <summary>The TCP socket, for <see cref="DeadPeerDetection"/>; null when it cannot be reached.</summary>
    public abstract Socket? Socket { get; }

    /// <summary>Starts a <see cref="PersistentShell"/> on a new exec channel, with a <paramref name="first"/> script in its exec request if given.</summary>
    public abstract Task<PersistentShell> StartShellAsync(string? first, CancellationToken ct);

    /// <summary>Closes the connection politely; the shells end with it.</summary>
    public abstract void Disconnect();

    public abstract void Dispose();
}
