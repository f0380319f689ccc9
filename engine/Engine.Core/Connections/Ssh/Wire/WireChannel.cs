using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// One session channel running one command (RFC 4254 §5–6): flow control both ways, standard input in, output,
/// error, exit status or signal out. Its events arrive on the connection's receive loop.
/// </summary>
internal sealed class WireChannel
{
    private readonly WireClient _client;
    private readonly IWireChannelEvents _events;
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _sync = new();
    private TaskCompletionSource _window = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private uint _remoteWindow;
    private uint _remoteMaxPacket;
    private uint _consumed;
    private bool _closeSent;
    private bool _closeWanted;
    private int _sending;
    private int _ended;

    public WireChannel(WireClient client, uint id, IWireChannelEvents events)
    {
        _client = client;
        Id = id;
        _events = events;
    }

    public uint Id { get; }

    public uint RemoteId { get; private set; }

    /// <summary>The command's exit status, once it has sent one.</summary>
    public int? ExitStatus { get; private set; }

    /// <summary>The signal that killed the command (<c>KILL</c>, <c>TERM</c>…), once it has sent one.</summary>
    public string? ExitSignal { get; private set; }

    public bool HasEnded => Volatile.Read(ref _ended) != 0;

    internal Task Opened => _opened.Task;

    internal Task Started => _started.Task;

    /// <summary>
    /// Sends <paramref name="data"/> to the command's standard input, waiting for window space as the server grants it.
    /// No data goes out after this side's CLOSE: OpenSSH frees a channel once both CLOSEs have crossed and ends the
    /// whole connection on a packet for a channel it no longer has ("data packet referred to nonexistent channel"). A
    /// CLOSE wanted while a packet is being sent (the server's CLOSE arrived: a failed write's shell exited while its
    /// content was still streaming) is sent by that write once its packet is out (<see cref="CloseAsync"/>).
    /// </summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (!data.IsEmpty)
        {
            Task wait;
            int count;
            lock (_sync)
            {
                if (HasEnded || _closeWanted)
                {
                    throw new SshException("the channel is closed");
                }

                count = (int)Math.Min(Math.Min(_remoteWindow, _remoteMaxPacket), (uint)data.Length);
                if (count > 0)
                {
                    _remoteWindow -= (uint)count;
                    _sending++;
                }

                wait = _window.Task;
            }

            if (count == 0)
            {
                await wait.WaitAsync(ct);
                continue;
            }

            try
            {
                var message = SshPayloadWriter.Message(WireMessages.ChannelData, 64 + count).UInt32(RemoteId).String(data.Span[..count]);
                await _client.SendAsync(message, ct);
            }
            finally
            {
                await SentAsync();
            }

            data = data[count..];
        }
    }

    /// <summary>Ends the command's standard input.</summary>
    public ValueTask SendEofAsync() => HasEnded ? ValueTask.CompletedTask : _client.SendAsync(SshPayloadWriter.Message(WireMessages.ChannelEof, 16).UInt32(RemoteId), CancellationToken.None);

    /// <summary>Kills the command (RFC 4254 §6.9, honoured by OpenSSH since 7.9) and closes the channel; never throws.</summary>
    public async Task KillAsync()
    {
        if (HasEnded || !_started.Task.IsCompletedSuccessfully)
        {
            return;
        }

        try
        {
            // Gated as a data packet is: a CLOSE the server's CLOSE asks for meanwhile goes after the signal, never before.
            lock (_sync)
            {
                if (HasEnded || _closeWanted)
                {
                    return;
                }

                _sending++;
            }

            try
            {
                await _client.SendAsync(SshPayloadWriter.Message(WireMessages.ChannelRequest, 48).UInt32(RemoteId).String("signal").Boolean(false).String("KILL"), CancellationToken.None);
            }
            finally
            {
                await SentAsync();
            }

            await CloseAsync();
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException)
        {
            // The connection is gone, and the command with it.
        }
    }

    internal async ValueTask HandleAsync(ReadOnlyMemory<byte> payload)
    {
        var reader = new SshPayloadReader(payload.Span[1..]);
        reader.UInt32();
        switch (payload.Span[0])
        {
            case WireMessages.ChannelOpenConfirmation:
                RemoteId = reader.UInt32();
                _remoteWindow = reader.UInt32();
                _remoteMaxPacket = Math.Min(reader.UInt32(), WireClient.LocalMaxPacket);
                _opened.TrySetResult();
                return;
            case WireMessages.ChannelOpenFailure:
                var code = reader.UInt32();
                var why = reader.Utf8();
                _client.Forget(Id);
                Interlocked.Exchange(ref _ended, 1);
                _opened.TrySetException(new SshException($"the server refused to open a session (code {code}: {why})"));
                return;
            case WireMessages.ChannelSuccess:
                _started.TrySetResult();
                return;
            case WireMessages.ChannelFailure:
                _started.TrySetException(new SshException("the server refused to run the command on the session"));
                return;
            case WireMessages.ChannelWindowAdjust:
                var grant = reader.UInt32();
                lock (_sync)
                {
                    _remoteWindow = (uint)Math.Min((ulong)_remoteWindow + grant, uint.MaxValue);
                    _window.TrySetResult();
                    _window = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return;
            case WireMessages.ChannelData:
                var data = reader.String();
                _events.Output(data);
                await ConsumedAsync(data.Length);
                return;
            case WireMessages.ChannelExtendedData:
                reader.UInt32();
                var error = reader.String();
                _events.Error(error);
                await ConsumedAsync(error.Length);
                return;
            case WireMessages.ChannelRequest:
                await RequestAsync(payload);
                return;
            case WireMessages.ChannelClose:
                await CloseAsync();
                End(null);
                return;
            default:
                // EOF: the close that follows ends the channel.
                return;
        }
    }

    /// <summary>The connection ended under the channel.</summary>
    internal void ConnectionEnded(Exception cause)
    {
        var lost = cause as SshConnectionException ?? new SshConnectionException(cause.Message, cause);
        _opened.TrySetException(lost);
        _started.TrySetException(lost);
        End(lost);
    }

    private async ValueTask RequestAsync(ReadOnlyMemory<byte> payload)
    {
        var reader = new SshPayloadReader(payload.Span[1..]);
        reader.UInt32();
        var type = reader.Utf8();
        var wantReply = reader.Boolean();
        switch (type)
        {
            case "exit-status":
                ExitStatus = (int)reader.UInt32();
                break;
            case "exit-signal":
                ExitSignal = reader.Utf8();
                break;
        }

        if (wantReply)
        {
            await _client.SendAsync(SshPayloadWriter.Message(WireMessages.ChannelFailure, 16).UInt32(RemoteId), CancellationToken.None);
        }
    }

    private async ValueTask ConsumedAsync(int count)
    {
        // Grant the server more room once half the window is used, as OpenSSH does (channel_check_window).
        _consumed += (uint)count;
        if (_consumed >= WireClient.LocalWindow / 2 && !HasEnded)
        {
            var grant = _consumed;
            _consumed = 0;
            await _client.SendAsync(SshPayloadWriter.Message(WireMessages.ChannelWindowAdjust, 16).UInt32(RemoteId).UInt32(grant), CancellationToken.None);
        }
    }

    /// <summary>Sends this side's CLOSE once, after any data packet being sent (which then sends it: <see cref="WriteAsync"/>).</summary>
    private async ValueTask CloseAsync()
    {
        lock (_sync)
        {
            _closeWanted = true;
            if (_closeSent || _sending > 0)
            {
                return;
            }

            _closeSent = true;
        }

        await SendCloseAsync();
    }

    /// <summary>A gated packet is out: sends the CLOSE that was wanted meanwhile, once the last such packet is.</summary>
    private async ValueTask SentAsync()
    {
        bool close;
        lock (_sync)
        {
            _sending--;
            close = _closeWanted && _sending == 0 && !_closeSent;
            _closeSent |= close;
        }

        if (close)
        {
            await SendCloseAsync();
        }
    }

    private async ValueTask SendCloseAsync()
    {
        try
        {
            await _client.SendAsync(SshPayloadWriter.Message(WireMessages.ChannelClose, 16).UInt32(RemoteId), CancellationToken.None);
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException)
        {
            // The connection is gone, and the channel with it.
        }
    }

    private void End(Exception? connectionLost)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        _client.Forget(Id);
        lock (_sync)
        {
            _window.TrySetException(connectionLost ?? new SshException("the channel is closed"));
        }

        _events.Closed(connectionLost);
    }
}
