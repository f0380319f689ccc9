using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// A man in the middle between a client and a real sshd, for tests of what the client must refuse: it passes the
/// client's bytes through untouched, and hands each of the server's packets before its NEWKEYS (the unencrypted key
/// exchange) to <c>rewrite</c>, which returns the packets to send instead (changed, added or as they were). After the
/// server's NEWKEYS everything passes through. One connection at a time; disposing it stops it.
/// </summary>
internal sealed class KeyExchangeTamperingProxy : IDisposable
{
    private const byte NewKeys = 21;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _serverAddress;
    private readonly int _serverPort;
    private readonly Func<byte[], IEnumerable<byte[]>> _rewrite;
    private readonly CancellationTokenSource _stop = new();

    public KeyExchangeTamperingProxy(string serverAddress, int serverPort, Func<byte[], IEnumerable<byte[]>> rewrite)
    {
        _serverAddress = serverAddress;
        _serverPort = serverPort;
        _rewrite = rewrite;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The message number of a raw packet (length, padding length, payload, padding).</summary>
    public static byte MessageOf(byte[] packet) => packet[5];

    /// <summary>A raw unencrypted packet carrying <paramref name="payload"/> (RFC 4253 §6, padded to 8 bytes).</summary>
    public static byte[] Packet(byte[] payload)
    {
        var padding = 8 - ((5 + payload.Length) % 8);
        padding += padding < 4 ? 8 : 0;
        var packet = new byte[5 + payload.Length + padding];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(1 + payload.Length + padding));
        packet[4] = (byte)padding;
        payload.CopyTo(packet, 5);
        return packet;
    }

    /// <summary>A copy of <paramref name="packet"/> with the last byte of its payload changed.</summary>
    public static byte[] WithLastPayloadByteFlipped(byte[] packet)
    {
        var copy = (byte[])packet.Clone();
        var payloadLength = (int)BinaryPrimitives.ReadUInt32BigEndian(copy) - 1 - copy[4];
        copy[5 + payloadLength - 1] ^= 0x01;
        return copy;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptSocketAsync(_stop.Token);
                using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await server.ConnectAsync(_serverAddress, _serverPort, _stop.Token);
                using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = PumpAsync(client, server, both.Token);
                var down = TamperAsync(server, client, both.Token);
                await Task.WhenAny(up, down);
                await both.CancelAsync();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, ct)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // One side hung up.
        }
    }

    private async Task TamperAsync(Socket server, Socket client, CancellationToken ct)
    {
        try
        {
            using var stream = new NetworkStream(server, ownsSocket: false);

            // The identification line, byte by byte so nothing after it is read here.
            var one = new byte[1];
            do
            {
                await stream.ReadExactlyAsync(one, ct);
                await client.SendAsync(one, ct);
            }
            while (one[0] != (byte)'\n');

            byte message;
            do
            {
                var length = new byte[4];
                await stream.ReadExactlyAsync(length, ct);
                var packet = new byte[4 + BinaryPrimitives.ReadUInt32BigEndian(length)];
                length.CopyTo(packet, 0);
                await stream.ReadExactlyAsync(packet.AsMemory(4), ct);
                message = MessageOf(packet);
                foreach (var sent in _rewrite(packet))
                {
                    await client.SendAsync(sent, ct);
                }
            }
            while (message != NewKeys);

            await PumpAsync(server, client, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
            // One side hung up.
        }
    }
}
