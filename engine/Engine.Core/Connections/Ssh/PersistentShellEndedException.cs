namespace Converge.Core.Connections.Ssh;

/// <summary>
/// The remote shell ended before it replied: the connection dropped (<see cref="ConnectionLost"/>), or the
/// shell itself exited or was killed while the connection stayed up. Either way the request's outcome on the
/// host is unknown; <see cref="SshConnection"/> turns this into the exception its callers expect.
/// </summary>
public sealed class PersistentShellEndedException(bool connectionLost, string detail) : Exception(detail)
{
    public bool ConnectionLost { get; } = connectionLost;
}
