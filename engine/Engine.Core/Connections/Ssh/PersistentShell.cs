using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// One long-lived remote shell on one exec channel (<see cref="PersistentShellScript"/>): every command, probe
/// batch and file transfer of a host is a request on it, so a host pays sshd's session set-up and its login
/// shell's start-up files once per run instead of once per command. One request at a time; the connection
/// keeps a few of these when its callers overlap.
/// <para>
/// SSH.NET's session thread hands the channel's output straight to the frame scanner (<see cref="ChannelOutputSink"/>),
/// which completes each reply; no thread blocks on a pipe. Standard error travels inside the reply on standard
/// output, so one output stream per shell suffices.
/// </para>
/// </summary>
public sealed class PersistentShell : IDisposable
{
    /// <summary>
    /// Input up to this size travels in the request's own write: one SSH message (or a few, at the channel's packet
    /// size) instead of one for the request and more for the content, and the host's shell wakes once for it.
    /// </summary>
    public const int InlineInputLimit = 64 * 1024;

    private readonly SshClient _client;
    private readonly SshCommand _command;
    private readonly Task _execution;
    private readonly Stream _input;
    private readonly ConcurrentQueue<Reply> _replies = new();
    private readonly object _sync = new();
    private readonly ShellFrameScanner _scanner;
    private readonly string _token;
    private readonly Action<ReadOnlySpan<byte>> _stdout;
    private readonly Action<ReadOnlySpan<byte>> _stderr;
    private readonly Action<int> _completed;
    private PersistentShellEndedException? _ended;

    private PersistentShell(SshClient client, SshCommand command, string token)
    {
        _client = client;
        _command = command;
        _scanner = new ShellFrameScanner(token);
        _token = token;

        // The loop's first, empty reply: whatever the login shell printed before it is dropped with it.
        _replies.Enqueue(new Reply(Stream.Null));
        _stdout = data => (_replies.TryPeek(out var r) ? r.Stdout : Stream.Null).Write(data);
        _stderr = data => (_replies.TryPeek(out var r) ? r.Stderr : Stream.Null).Write(data);
        _completed = status =>
        {
            if (_replies.TryDequeue(out var r))
            {
                r.Done.TrySetResult(status);
            }
        };
        new ChannelOutputSink(Received, Ended).AttachTo(command);
        _execution = command.ExecuteAsync(CancellationToken.None);
        try
        {
            _input = command.CreateInputStream();
        }
        catch (InvalidOperationException)
        {
            // The shell ended before it could be given input (its start failed): the reader reports how it ended.
            _input = Stream.Null;
        }

        // A lost connection (a host that vanished: keepalives fail) faults the execution, but SSH.NET does not always
        // dispose the output stream (the sink): end the shell then, so waiting requests fail as "lost".
        _execution.ContinueWith(
            static (execution, state) => ((PersistentShell)state!).End(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>True once the shell has ended (it exited, was killed, or the connection dropped).</summary>
    public bool HasEnded => Volatile.Read(ref _ended) is not null;

    /// <summary>Starts the loop on a new exec channel (SSH.NET opens the channel synchronously).</summary>
    public static PersistentShell Start(SshClient client)
    {
        var token = "converge-shell-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var stderrName = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new PersistentShell(client, client.CreateCommand(PersistentShellScript.Command(token, stderrName)), token);
    }

    /// <summary>
    /// Runs one script. <paramref name="writeInput"/> must write exactly <paramref name="inputLength"/> bytes;
    /// standard output goes to <paramref name="stdoutSink"/> when given (streamed), else it is returned.
    /// Throws <see cref="PersistentShellEndedException"/> when the shell ends before replying.
    /// </summary>
    public async Task<ChannelOutput> RunAsync(
        string script,
        long inputLength,
        Func<Stream, CancellationToken, Task>? writeInput,
        Stream? stdoutSink,
        CancellationToken ct)
    {
        // Built before the reply is queued: a script the framing cannot carry, or input that ends short of its length,
        // fails here, leaving the shell in step.
        var request = PersistentShellScript.Request(_token, script, inputLength);
        var inline = writeInput is not null && inputLength <= InlineInputLimit ? await InlineAsync(request, inputLength, writeInput, ct) : null;
        var reply = new Reply(stdoutSink ?? new MemoryStream());
        lock (_sync)
        {
            if (_ended is { } ended)
            {
                throw ended;
            }

            _replies.Enqueue(reply);
        }

        // Cancelling mid-request leaves the loop in an unknown place: the shell is ended, never reused.
        await using var cancel = ct.Register(static state => ((PersistentShell)state!).End(), this);
        try
        {
            if (inline is not null)
            {
                _input.Write(inline.GetBuffer(), 0, (int)inline.Length);
            }
            else
            {
                _input.Write(request);
                if (writeInput is not null)
                {
                    var exact = new ExactLengthStream(_input, inputLength);
                    await writeInput(exact, ct);
                    if (exact.Remaining != 0)
                    {
                        End();
                        throw ShortInput(exact.Remaining, inputLength);
                    }
                }
            }
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException || (e is IOException && HasEnded))
        {
            // The channel closed under the write; the reply's failure says why.
        }

        int status;
        try
        {
            status = await reply.Done.Task;
        }
        catch (PersistentShellEndedException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }

        var stdout = reply.Stdout is MemoryStream buffer && stdoutSink is null ? buffer.ToArray() : [];
        var stderr = Encoding.UTF8.GetString(reply.Stderr.GetBuffer(), 0, (int)reply.Stderr.Length);
        var signal = SignalOf(status);
        return new ChannelOutput(signal is null ? status : null, signal, stdout, stderr, false);
    }

    public void Dispose()
    {
        End();
        _command.Dispose();
    }

    /// <summary>
    /// POSIX shells report a command killed by signal N as status 128+N and cannot tell it from <c>exit 128+N</c>;
    /// the common termination signals are reported as signals, as an exec channel's exit-signal was.
    /// </summary>
    private static string? SignalOf(int status) => status switch
    {
        129 => "HUP",
        130 => "INT",
        131 => "QUIT",
        134 => "ABRT",
        137 => "KILL",
        139 => "SEGV",
        141 => "PIPE",
        143 => "TERM",
        _ => null,
    };

    private void End()
    {
        try
        {
            // On a disconnected session (Drop disconnects first) closing the input would only throw SSH.NET's "Client not
            // connected" (an exception per host at the end of every run) and skip the cancel, as this does.
            if (!_client.IsConnected)
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

    private static async Task<MemoryStream> InlineAsync(byte[] request, long inputLength, Func<Stream, CancellationToken, Task> writeInput, CancellationToken ct)
    {
        var whole = new MemoryStream(request.Length + (int)inputLength);
        whole.Write(request);
        var exact = new ExactLengthStream(whole, inputLength);
        await writeInput(exact, ct);
        return exact.Remaining == 0 ? whole : throw ShortInput(exact.Remaining, inputLength);
    }

    private static InvalidDataException ShortInput(long remaining, long announced) =>
        new($"the input ended {remaining} bytes short of the {announced} announced (did the file change?)");

    private void Received(ReadOnlySpan<byte> chunk) => _scanner.Feed(chunk, _stdout, _stderr, _completed);

    private void Ended(Exception? failure)
    {
        if (failure is not null)
        {
            // A sink that cannot be written (a full disk) or a garbled frame: the shell cannot be trusted any more.
            // Ended on a pool thread: closing the channel from SSH.NET's session thread would wait on that thread.
            ThreadPool.UnsafeQueueUserWorkItem(static shell => shell.End(), this, preferLocal: false);
        }

        Finish(failure);
    }

    private void Finish(Exception? failure)
    {
        // SSH.NET completes the execution before it disposes the output stream, so its outcome is known here:
        // a connection error faults it; a shell that exited completes it with an exit status.
        var cause = _execution.Exception?.InnerException;
        var connectionLost = cause is SshConnectionException or System.Net.Sockets.SocketException;
        var detail = failure?.Message ?? (connectionLost ? cause!.Message : Describe());
        var ended = new PersistentShellEndedException(connectionLost, detail);
        lock (_sync)
        {
            _ended = ended;
        }

        while (_replies.TryDequeue(out var r))
        {
            r.Done.TrySetException(ended);
        }
    }

    private string Describe()
    {
        var stderr = string.Empty;
        try
        {
            stderr = _command.ExtendedOutputStream.Length > 0 ? new StreamReader(_command.ExtendedOutputStream).ReadToEnd().Trim() : string.Empty;
        }
        catch (ObjectDisposedException)
        {
            // Nothing was kept.
        }

        var how = _command.ExitSignal is { } signal ? $"killed by signal {signal}" : $"exited with status {_command.ExitStatus?.ToString() ?? "unknown"}";
        return stderr.Length > 0 ? $"the remote shell {how}: {stderr}" : $"the remote shell {how}";
    }

    private sealed class Reply(Stream stdout)
    {
        public Stream Stdout { get; } = stdout;

        public MemoryStream Stderr { get; } = new();

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
