using Renci.SshNet;
using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// A shell's exec channel through SSH.NET, for servers Converge's own client cannot speak to. SSH.NET's session
/// thread writes the output and the error stream each into a <see cref="ChannelOutputSink"/>, so no thread blocks on a pipe.
/// </summary>
public sealed class SshNetShellChannel : ShellChannel
{
    private readonly SshClient _client;
    private readonly SshCommand _command;
    private readonly Task _execution;
    private readonly Stream _input;

    public SshNetShellChannel(SshClient client, string command, Action<ReadOnlySpan<byte>> received, Action<ReadOnlySpan<byte>> receivedError, Action<Exception?> ended)
    {
        _client = client;
        _command = client.CreateCommand(command);
        new ChannelOutputSink(received, ended).AttachTo(_command);

        // The output sink reports the end; a failure in the error one ends the shell the same way.
        new ChannelOutputSink(receivedError, failure =>
        {
            if (failure is not null)
            {
                ended(failure);
            }
        }).AttachTo(_command, stderr: true);
        _execution = _command.ExecuteAsync(CancellationToken.None);
        try
        {
            _input = _command.CreateInputStream();
        }
        catch (InvalidOperationException)
        {
            // The command ended before it could be given input (its start failed): the sink reports how it ended.
            _input = Stream.Null;
        }

        // A lost connection (a host that vanished: keepalives fail) faults the execution, but SSH.NET does not always
        // dispose the output stream (the sink): end the channel then, so waiting requests fail as "lost".
        _execution.ContinueWith(
            static (execution, state) => ((SshNetShellChannel)state!).End(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public override bool SessionConnected => _client.IsConnected;

    // SSH.NET completes the execution before it disposes the output stream, so its outcome is known when the sink ends:
    // a connection error faults it; a command that exited completes it with an exit status.
    public override bool ConnectionLost => _execution.Exception?.InnerException is SshConnectionException or System.Net.Sockets.SocketException;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        // SSH.NET's channel stream writes synchronously (it waits for window space itself); nothing is gained by a pool hop.
        _input.Write(data.Span);
        return ValueTask.CompletedTask;
    }

    public override string Describe(string stderr) =>
        ConnectionLost ? _execution.Exception!.InnerException!.Message : Ending(_command.ExitStatus, _command.ExitSignal, stderr);

    public override void End()
    {
        try
        {
            // On a disconnected session (Drop disconnects first) closing the input would only throw SSH.NET's "Client not
            // connected" (an exception per host at the end of every run) and skip the cancel, as this does. A command
            // that has ended (the server closed its channel: a retired shell's loop exits) gets no EOF or signal either:
            // once SSH.NET has answered the server's close, the server has freed the channel, and OpenSSH ends the
            // whole connection on a packet for a channel it no longer has ("eof packet referred to nonexistent
            // channel", seen in CI on a failed write's retired shell).
            if (!_client.IsConnected || _execution.IsCompleted)
            {
                _command.Dispose();
                return;
            }

            _input.Dispose();
            _command.CancelAsync(forceKill: true, millisecondsTimeout: 0);
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or InvalidOperationException or IOException or TimeoutException)
        {
            // Already gone.
        }

        _command.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        End();
        _command.Dispose();
        base.Dispose(disposing);
    }
}
