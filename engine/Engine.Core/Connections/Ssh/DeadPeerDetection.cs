using System.Net.Sockets;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// Bounds how long a host that vanished (power lost, network cut: no FIN, no RST ever comes) can hold a run.
/// Linux retransmits unacknowledged data for about 15 minutes (<c>tcp_retries2</c>) before it gives up on a
/// connection, and SSH.NET's keepalives only add to that queue, so without this a run waited a quarter of
/// an hour on one dead host. <c>TCP_USER_TIMEOUT</c> makes the kernel abort the connection once sent data
/// stays unacknowledged that long; the keepalives keep data in flight on an idle connection, so a dead host
/// is noticed within the keepalive interval plus this timeout whether a command is running or not.
/// </summary>
internal static class DeadPeerDetection
{
    // linux/tcp.h; .NET has no named option for it.
    private const int TcpUserTimeout = 18;

    /// <summary>Arms the connected <paramref name="session"/>'s socket.</summary>
    /// <returns>False when the socket could not be reached (the connection then works as before).</returns>
    public static bool Arm(SshSession session, TimeSpan timeout)
    {
        if (!OperatingSystem.IsLinux() || session.Socket is not { } socket)
        {
            return false;
        }

        socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpUserTimeout, BitConverter.GetBytes((int)timeout.TotalMilliseconds));
        return true;
    }

    /// <summary>The armed timeout of <paramref name="session"/>'s socket, read back from the kernel (null when unreachable).</summary>
    public static TimeSpan? ArmedTimeout(SshSession session)
    {
        if (!OperatingSystem.IsLinux() || session.Socket is not { } socket)
        {
            return null;
        }

        var value = new byte[sizeof(int)];
        socket.GetRawSocketOption((int)SocketOptionLevel.Tcp, TcpUserTimeout, value);
        return TimeSpan.FromMilliseconds(BitConverter.ToInt32(value));
    }
}
