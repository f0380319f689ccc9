using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// Converge's own SSH client for the common case: ECDH on P-256 or curve25519, AES-GCM, public-key or password login, exec channels.
/// It has no thread of its own (one awaited receive loop per connection; SSH.NET keeps a listener thread per session
/// and waits synchronously for each channel's confirmation): ~1.3 ms less controller CPU per connection that runs a
/// command, 25–30% of SSH.NET's, and ~25 threads instead of one per open connection (issue 14,
/// <c>tests/Engine.Benchmarks --handshakes</c>). Key files, host key signatures and user signatures stay SSH.NET's; a server this client cannot speak
/// to (<see cref="WireNegotiationException"/>) is left to SSH.NET by <see cref="SshConnection"/>.
/// </summary>
internal sealed partial class WireClient : IDisposable
{
    // Window and packet limits as OpenSSH's client uses for a session (CHAN_SES_WINDOW_DEFAULT, CHAN_SES_PACKET_DEFAULT).
    internal const uint LocalWindow = 2 * 1024 * 1024;
    internal const uint LocalMaxPacket = 32 * 1024;

    private readonly WireTransport _transport;
    private readonly ConcurrentDictionary<uint, WireChannel> _channels = new();
    private readonly CancellationTokenSource _stop = new();
    private Timer? _keepAlive;
    private Task _loop = Task.CompletedTask;
    private uint _nextChannel;
    private volatile Exception? _lost;
    private volatile bool _closing;

    private WireClient(WireTransport transport)
    {
        _transport = transport;
    }

    /// <summary>True until the connection is lost or closed.</summary>
    public bool IsConnected => _lost is null;

    /// <summary>The TCP socket, for <see cref="DeadPeerDetection"/>.</summary>
    public Socket Socket => _transport.Socket;

    /// <summary>Connects, verifies the host key, logs in, and starts reading.</summary>
    public static async Task<WireClient> ConnectAsync(
        string address, int port, WireHostKeyPolicy hostKeys, WireCredentials credentials, TimeSpan keepAlive, CancellationToken ct)
    {
        var transport = await WireTransport.ConnectAsync(address, port, hostKeys, ct);
        var client = new WireClient(transport);
        try
        {
            await client.AuthenticateAsync(credentials, ct);
        }
        catch
        {
            transport.Dispose();
            throw;
        }

        client._loop = client.ReceiveLoopAsync();
        if (keepAlive > TimeSpan.Zero)
        {
            client._keepAlive = new Timer(static state => ((WireClient)state!).SendKeepAlive(), client, keepAlive, keepAlive);
        }

        return client;
    }

    /// <summary>
    /// Opens a session channel and runs <paramref name="command"/> on it (RFC 4254 §6.5). Output and the end of the
    /// channel go to <paramref name="events"/>, on the connection's receive loop: they must not block.
    /// </summary>
    public async Task<WireChannel> ExecAsync(string command, IWireChannelEvents events, CancellationToken ct)
    {
        ThrowIfLost();
        var id = Interlocked.Increment(ref _nextChannel);
        var channel = new WireChannel(this, id, events);
        _channels[id] = channel;
        try
        {
            await SendAsync(
                SshPayloadWriter.Message(WireMessages.ChannelOpen, 64).String("session").UInt32(id).UInt32(LocalWindow).UInt32(LocalMaxPacket),
                ct);
            await channel.Opened.WaitAsync(ct);
            await SendAsync(
                SshPayloadWriter.Message(WireMessages.ChannelRequest, 64 + command.Length).UInt32(channel.RemoteId).String("exec").Boolean(true).String(command),
                ct);
            await channel.Started.WaitAsync(ct);
            return channel;
        }
        catch
        {
            _channels.TryRemove(id, out _);
            throw;
        }
    }

    /// <summary>Closes the connection politely (the goodbye goes out in the background); every open channel ends.</summary>
    public void Disconnect()
    {
        _closing = true;
        _keepAlive?.Dispose();
        Fail(new SshConnectionException("Client not connected."));
        _transport.Close();
    }

    public void Dispose()
    {
        _keepAlive?.Dispose();
        Fail(new SshConnectionException("Client not connected."));
        if (!_closing)
        {
            // After Disconnect the transport closes itself once its goodbye is sent, which also ends the receive loop.
            _stop.Cancel();
            _transport.Dispose();
        }
    }

    internal async ValueTask SendAsync(SshPayloadWriter message, CancellationToken ct)
    {
        ThrowIfLost();
        try
        {
            await _transport.SendAsync(message, ct);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            Fail(e);
            throw new SshConnectionException($"the connection was lost: {e.Message}", e);
        }
    }

    internal void Forget(uint id) => _channels.TryRemove(id, out _);

    private void ThrowIfLost()
    {
        if (_lost is { } lost)
        {
            throw lost as SshConnectionException ?? new SshConnectionException($"the connection was lost: {lost.Message}", lost);
        }
    }

    /// <summary>Marks the connection lost (once) and ends every channel with it.</summary>
    private void Fail(Exception cause)
    {
        if (Interlocked.CompareExchange(ref _lost, cause, null) is not null)
        {
            return;
        }

        _keepAlive?.Dispose();
        foreach (var channel in _channels.Values)
        {
            channel.ConnectionEnded(cause);
        }

        _channels.Clear();
    }

    private void SendKeepAlive()
    {
        // OpenSSH answers an unknown global request with a failure: that reply is the proof of life (ssh's ServerAlive).
        if (IsConnected)
        {
            _ = SendAsync(SshPayloadWriter.Message(WireMessages.GlobalRequest, 48).String("keepalive@openssh.com").Boolean(true), CancellationToken.None).AsTask()
                .ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var payload = await _transport.ReceiveAsync(_stop.Token);
                await DispatchAsync(payload);
            }
        }
        catch (Exception e)
        {
            // The loop is the connection's only reader: whatever ends it ends the connection.
            Fail(e is OperationCanceledException ? new SshConnectionException("Client not connected.") : e);
            _transport.Dispose();
        }
    }

    private async ValueTask DispatchAsync(ReadOnlyMemory<byte> payload)
    {
        var number = payload.Span[0];
        switch (number)
        {
            case WireMessages.Unimplemented or WireMessages.ExtInfo or WireMessages.RequestSuccess or WireMessages.RequestFailure or WireMessages.UserauthBanner:
                return;
            case WireMessages.GlobalRequest:
                var request = new SshPayloadReader(payload.Span[1..]);
                request.String();
                if (request.Boolean())
                {
                    await SendAsync(SshPayloadWriter.Message(WireMessages.RequestFailure, 16), CancellationToken.None);
                }

                return;
            case WireMessages.ChannelOpen:
                // No forwarding was asked for, so a channel the server opens is refused (RFC 4254 §5.1).
                var open = new SshPayloadReader(payload.Span[1..]);
                open.String();
                var sender = open.UInt32();
                await SendAsync(SshPayloadWriter.Message(WireMessages.ChannelOpenFailure, 64).UInt32(sender).UInt32(1).String("not accepted").String(string.Empty), CancellationToken.None);
                return;
            case >= WireMessages.ChannelOpenConfirmation and <= WireMessages.ChannelFailure:
                var recipient = new SshPayloadReader(payload.Span[1..]).UInt32();
                if (_channels.TryGetValue(recipient, out var channel))
                {
                    await channel.HandleAsync(payload);
                }

                return;
            default:
                await SendAsync(SshPayloadWriter.Message(WireMessages.Unimplemented, 16).UInt32(_transport.LastReceivedSequence), CancellationToken.None);
                return;
        }
    }
}
