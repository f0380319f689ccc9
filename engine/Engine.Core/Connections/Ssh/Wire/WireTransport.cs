using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// The SSH transport layer (RFC 4253) over one TCP socket: the version exchange, binary packets, key exchange and
/// re-exchange, and AES-GCM once keys are set. One reader (the connection's receive loop) and any number of writers:
/// writes are serialized by a gate, which a key re-exchange holds so nothing but its own messages goes out meanwhile.
/// No thread of its own: every wait is an awaited socket operation.
/// </summary>
internal sealed partial class WireTransport : IDisposable
{
    public const string ClientVersion = "SSH-2.0-Converge_1";

    // RFC 4253 §6.1 requires 35000; OpenSSH sends up to 256 KiB (PACKET_MAX_SIZE).
    private const int MaxPacket = 256 * 1024;
    private const int MaxVersionLines = 64;

    private readonly Socket _socket;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private byte[] _in = new byte[32 * 1024];
    private int _inStart;
    private int _inEnd;
    private AesGcmPacketCipher? _seal;
    private AesGcmPacketCipher? _open;
    private uint _sent;
    private uint _received;
    private bool _disposed;

    private WireTransport(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>The socket, for TCP options (<see cref="DeadPeerDetection"/>).</summary>
    public Socket Socket => _socket;

    /// <summary>The server's identification line, e.g. <c>SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3</c>.</summary>
    public string ServerVersion { get; private set; } = string.Empty;

    /// <summary>The first exchange hash: signed in every public-key authentication request (RFC 4252 §7).</summary>
    public byte[] SessionId { get; private set; } = [];

    /// <summary>The number of the last packet read, for SSH_MSG_UNIMPLEMENTED.</summary>
    public uint LastReceivedSequence => _received - 1;

    /// <summary>Connects, exchanges versions and keys, and verifies the host key (<paramref name="hostKeys"/>).</summary>
    public static async Task<WireTransport> ConnectAsync(string address, int port, WireHostKeyPolicy hostKeys, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var transport = new WireTransport(socket);
        try
        {
            await socket.ConnectAsync(address, port, ct);
            await transport.HandshakeAsync(hostKeys, ct);
            return transport;
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    /// <summary>Sends one message; waits while a key re-exchange is under way.</summary>
    public async ValueTask SendAsync(SshPayloadWriter message, CancellationToken ct)
    {
        await _sendGate.WaitAsync(ct);
        try
        {
            await SendLockedAsync(message, ct);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>
    /// The next message's payload, valid until the next call. Messages of the transport layer that need no answer
    /// (ignore, debug) are skipped here; a server's KEXINIT starts a re-exchange, done before this returns.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken ct)
    {
        while (true)
        {
            var payload = await ReadPacketAsync(ct);
            switch (payload.Span[0])
            {
                case WireMessages.Ignore or WireMessages.Debug:
                    continue;
                case WireMessages.Disconnect:
                    throw Disconnected(payload.Span);
                case WireMessages.KexInit:
                    await ReExchangeAsync(payload.ToArray(), ct);
                    continue;
                default:
                    return payload;
            }
        }
    }

    /// <summary>
    /// Says goodbye (RFC 4253 §11.1) and closes the socket once that is sent; never throws, never waits (a run ends
    /// hundreds of connections at once, and a thread blocked per goodbye would stall the pool).
    /// </summary>
    public void Close() => _ = CloseAsync();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Not connected.
        }

        _socket.Dispose();
        _seal?.Dispose();
        _open?.Dispose();
    }

    private async Task CloseAsync()
    {
        try
        {
            if (!_disposed && await _sendGate.WaitAsync(TimeSpan.FromSeconds(1)))
            {
                var bye = SshPayloadWriter.Message(WireMessages.Disconnect, 64).UInt32(11).String("closed by Converge").String(string.Empty);
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await SendLockedAsync(bye, limit.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The peer is gone already.
        }
        finally
        {
            Dispose();
        }
    }

    private static WireProtocolException Disconnected(ReadOnlySpan<byte> payload)
    {
        var reader = new SshPayloadReader(payload[1..]);
        var reason = reader.UInt32();
        var text = reader.AtEnd ? string.Empty : reader.Utf8();
        return new WireProtocolException($"the server closed the connection (reason {reason}{(text.Length > 0 ? $": {text}" : string.Empty)})");
    }

    private async ValueTask SendLockedAsync(SshPayloadWriter message, CancellationToken ct)
    {
        var payloadLength = message.Length - SshPayloadWriter.HeaderSpace;

        // RFC 4253 §6: at least 4 bytes of padding, up to a whole number of cipher blocks; with AES-GCM the length
        // field is outside the encrypted blocks (OpenSSH PROTOCOL §1.6).
        var block = _seal is null ? 8 : 16;
        var aligned = _seal is null ? 5 + payloadLength : 1 + payloadLength;
        var padding = block - (aligned % block);
        if (padding < 4)
        {
            padding += block;
        }

        var tagSize = _seal is null ? 0 : AesGcmPacketCipher.TagSize;
        var pad = message.Reserve(padding + tagSize);
        RandomNumberGenerator.Fill(pad[..padding]);
        var buffer = message.Buffer;
        var packetLength = 1 + payloadLength + padding;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)packetLength);
        buffer[4] = (byte)padding;
        var packet = buffer.AsSpan(0, 4 + packetLength);
        _seal?.Seal(packet, buffer.AsSpan(4 + packetLength, tagSize));
        _sent++;
        await SendAllAsync(buffer.AsMemory(0, 4 + packetLength + tagSize), ct);
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, ct);
            bytes = bytes[sent..];
        }
    }

    private async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken ct)
    {
        await FillAsync(4, ct);
        var length = BinaryPrimitives.ReadUInt32BigEndian(_in.AsSpan(_inStart));
        var tagSize = _open is null ? 0 : AesGcmPacketCipher.TagSize;
        if (length < 5 || length > MaxPacket || (_open is not null && length % 16 != 0))
        {
            throw new WireProtocolException($"the server sent a packet of an impossible length ({length} bytes)");
        }

        var total = 4 + (int)length + tagSize;
        await FillAsync(total, ct);
        var packet = _in.AsSpan(_inStart, 4 + (int)length);
        _open?.Open(packet, _in.AsSpan(_inStart + 4 + (int)length, tagSize));
        var padding = packet[4];
        var payloadLength = (int)length - 1 - padding;
        if (payloadLength < 1 || padding < 4)
        {
            throw new WireProtocolException("the server sent a packet with impossible padding");
        }

        var payload = _in.AsMemory(_inStart + 5, payloadLength);
        _inStart += total;
        _received++;
        return payload;
    }

    /// <summary>Reads until at least <paramref name="count"/> unread bytes are buffered.</summary>
    private async ValueTask FillAsync(int count, CancellationToken ct)
    {
        if (_inEnd - _inStart >= count)
        {
            return;
        }

        if (_inStart + count > _in.Length)
        {
            // Move the unread bytes to the front (the last payload handed out is no longer in use), growing if needed.
            var target = count > _in.Length ? new byte[Math.Max(count, _in.Length * 2)] : _in;
            Buffer.BlockCopy(_in, _inStart, target, 0, _inEnd - _inStart);
            _inEnd -= _inStart;
            _inStart = 0;
            _in = target;
        }

        while (_inEnd - _inStart < count)
        {
            var read = await _socket.ReceiveAsync(_in.AsMemory(_inEnd), SocketFlags.None, ct);
            if (read == 0)
            {
                throw new WireProtocolException("the server closed the connection");
            }

            _inEnd += read;
        }
    }
}
