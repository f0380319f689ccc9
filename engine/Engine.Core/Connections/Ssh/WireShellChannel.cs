using System.Text;
using Converge.Core.Connections.Ssh.Wire;

namespace Converge.Core.Connections.Ssh;

/// <summary>A shell's exec channel through Converge's own client (<see cref="WireClient"/>).</summary>
internal sealed class WireShellChannel : ShellChannel, IWireChannelEvents
{
    private readonly WireClient _client;
    private readonly Action<ReadOnlySpan<byte>> _received;
    private readonly Action<ReadOnlySpan<byte>> _receivedError;
    private readonly Action<Exception?> _ended;
    private WireChannel? _channel;
    private Exception? _lost;
    private bool _failed;

    private WireShellChannel(WireClient client, Action<ReadOnlySpan<byte>> received, Action<ReadOnlySpan<byte>> receivedError, Action<Exception?> ended)
    {
        _client = client;
        _received = received;
        _receivedError = receivedError;
        _ended = ended;
    }

    public override bool SessionConnected => _client.IsConnected;

    public override bool ConnectionLost => _lost is not null;

    public static async Task<WireShellChannel> StartAsync(
        WireClient client, string command, Action<ReadOnlySpan<byte>> received, Action<ReadOnlySpan<byte>> receivedError, Action<Exception?> ended, CancellationToken ct)
    {
        var shell = new WireShellChannel(client, received, receivedError, ended);
        shell._channel = await client.ExecAsync(command, shell, ct);
        return shell;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct) => _channel!.WriteAsync(data, ct);

    public override string Describe(string stderr) =>
        _lost is { } lost ? lost.Message : Ending(_channel?.ExitStatus, _channel?.ExitSignal, stderr);

    public override void End()
    {
        if (_channel is { } channel)
        {
            _ = channel.KillAsync();
        }
    }

    void IWireChannelEvents.Output(ReadOnlySpan<byte> data) => Deliver(_received, data);

    void IWireChannelEvents.Error(ReadOnlySpan<byte> data) => Deliver(_receivedError, data);

    void IWireChannelEvents.Closed(Exception? connectionLost)
    {
        _lost = connectionLost;
        if (!_failed)
        {
            _ended(null);
        }
    }

    protected override void Dispose(bool disposing)
    {
        End();
        base.Dispose(disposing);
    }

    private void Deliver(Action<ReadOnlySpan<byte>> to, ReadOnlySpan<byte> data)
    {
        if (_failed)
        {
            return;
        }

        try
        {
            to(data);
        }
        catch (Exception e)
        {
            // A sink that cannot be written (a full disk) or a garbled frame: the shell cannot be trusted any more, but
            // the connection and its other channels can.
            _failed = true;
            _ended(e);
        }
    }
}
