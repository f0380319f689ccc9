using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Renci.SshNet;
using Converge.Core.Connections.Ssh.Wire;
using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// One long-lived remote shell on one exec channel (<see cref="PersistentShellScript"/>): every command, probe
/// batch and file transfer of a host is a request on it, so a host pays sshd's session set-up and its login
/// shell's start-up files once per run instead of once per command. One request at a time; the connection
/// keeps a few of these when its callers overlap.
/// <para>
/// The connection's reading thread hands the channel's output and error streams straight to their frame scanners
/// (<see cref="ChannelOutputSink"/> under SSH.NET), which complete each reply once both streams have framed it; no
/// thread blocks on a pipe.
/// </para>
/// </summary>
public sealed class PersistentShell : IDisposable
{
    /// <summary>
    /// Input up to this size travels in the request's own write: one SSH message (or a few, at the channel's packet
    /// size) instead of one for the request and more for the content, and the host's shell wakes once for it.
    /// </summary>
    public const int InlineInputLimit = 64 * 1024;

    /// <summary>What the login shell and the loop may write to standard error before the first reply is kept for the message if the loop cannot start.</summary>
    private const int StartupErrorLimit = 4096;

    private readonly ConcurrentQueue<Reply> _stdoutReplies = new();
    private readonly ConcurrentQueue<Reply> _stderrReplies = new();
    private readonly object _sync = new();
    private readonly ShellFrameScanner _stdoutScanner;
    private readonly ShellFrameScanner _stderrScanner;
    private readonly string _token;
    private readonly Reply _startup = new(Stream.Null, StartupErrorLimit);
    private readonly Reply? _first;
    private readonly Action<ReadOnlySpan<byte>> _stdout;
    private readonly Action<ReadOnlySpan<byte>> _stderr;
    private readonly Action<int> _stdoutCompleted;
    private readonly Action<int> _stderrCompleted;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PersistentShellEndedException? _ended;
    private bool _retired;
    private ShellChannel? _channel;

    private PersistentShell(string token, bool first)
    {
        _stdoutScanner = new ShellFrameScanner(token);
        _stderrScanner = ShellFrameScanner.Stderr(token);
        _token = token;

        // The loop's first, empty reply: whatever the login shell printed before it is dropped with it (its standard
        // error kept, bounded, for the message if the loop never starts). Then the request the exec carried, if any.
        Enqueue(_startup);
        if (first)
        {
            _first = new Reply(new MemoryStream());
            Enqueue(_first);
        }

        _stdout = data => (_stdoutReplies.TryPeek(out var r) ? r.Stdout : Stream.Null).Write(data);
        _stderr = data =>
        {
            if (_stderrReplies.TryPeek(out var r))
            {
                r.WriteStderr(data);
            }
        };
        _stdoutCompleted = status =>
        {
            if (_stdoutReplies.TryDequeue(out var r))
            {
                r.Complete(status);
            }
        };
        _stderrCompleted = _ =>
        {
            if (_stderrReplies.TryDequeue(out var r))
            {
                r.Complete(null);
            }
        };
    }

    /// <summary>
    /// True once the loop has ended or may be out of step: a request with direct input that failed
    /// (<see cref="PersistentShellScript"/>) makes the loop exit after its reply, so the shell is not used again.
    /// </summary>
    public bool HasEnded => Volatile.Read(ref _ended) is not null || Volatile.Read(ref _retired);

    /// <summary>
    /// Starts the loop on a new exec channel of SSH.NET's <paramref name="client"/> (SSH.NET opens the channel
    /// synchronously); a <paramref name="first"/> script travels in the exec request (<see cref="FirstAsync"/>).
    /// </summary>
    public static PersistentShell Start(SshClient client, string? first = null)
    {
        var (shell, command) = Create(first);
        shell.Attach(new SshNetShellChannel(client, command, shell.Received, shell.ReceivedError, shell.Ended));
        return shell;
    }

    /// <summary>Starts the loop on a new exec channel of Converge's own <paramref name="client"/>; a <paramref name="first"/> script as above.</summary>
    internal static async Task<PersistentShell> StartAsync(WireClient client, string? first, CancellationToken ct)
    {
        var (shell, command) = Create(first);
        shell.Attach(await WireShellChannel.StartAsync(client, command, shell.Received, shell.ReceivedError, shell.Ended, ct));
        return shell;
    }

    /// <summary>The reply to the script the shell was started with (<see cref="PersistentShellScript.Command"/>).</summary>
    public async Task<ChannelOutput> FirstAsync(CancellationToken ct)
    {
        var reply = _first ?? throw new InvalidOperationException("the shell was started without a first script");
        await using var cancel = ct.Register(static state => ((PersistentShell)state!).End(), this);
        return await OutputAsync(reply, null, direct: false, ct);
    }

    public Task<ChannelOutput> RunAsync(
        string script,
        long inputLength,
        Func<Stream, CancellationToken, Task>? writeInput,
        Stream? stdoutSink,
        CancellationToken ct) =>
        RunAsync(script, inputLength, writeInput, stdoutSink, direct: false, ct);

    /// <summary>
    /// Runs one request. With <paramref name="direct"/> the script reads its input straight from the loop's standard
    /// input (no <c>head -c</c>); only a script that reads exactly its input and exits 0 only then may ask for it
    /// (<see cref="PersistentShellScript"/>). When such a script fails, the loop replies and exits: the reply is
    /// returned as usual and the shell counts as ended from then on, so the connection opens a new one.
    /// </summary>
    public async Task<ChannelOutput> RunAsync(
        string script,
        long inputLength,
        Func<Stream, CancellationToken, Task>? writeInput,
        Stream? stdoutSink,
        bool direct,
        CancellationToken ct)
    {
        // Built before the reply is queued: a script the framing cannot carry, or input that ends short of its length,
        // fails here, leaving the shell in step.
        var request = PersistentShellScript.Request(_token, script, inputLength, direct);
        var inline = writeInput is not null && inputLength <= InlineInputLimit ? await InlineAsync(request, inputLength, writeInput, ct) : null;
        var reply = new Reply(stdoutSink ?? new MemoryStream());
        lock (_sync)
        {
            if (_ended is { } ended)
            {
                throw ended;
            }

            Enqueue(reply);
        }

        // Cancelling mid-request leaves the loop in an unknown place: the shell is ended, never reused.
        await using var cancel = ct.Register(static state => ((PersistentShell)state!).End(), this);
        try
        {
            if (inline is not null)
            {
                await Channel.WriteAsync(inline.GetBuffer().AsMemory(0, (int)inline.Length), ct);
            }
            else
            {
                await Channel.WriteAsync(request, ct);
                if (writeInput is not null)
                {
                    var exact = new ExactLengthStream(Channel.Input, inputLength, () => reply.Done.Task.IsCompleted);
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
        catch (Exception)
        {
            // The input's source failed midway (a local file that cannot be read): the loop still waits for the rest
            // of the input and would take the next request's bytes for it, so this shell is ended, never reused.
            End();
            throw;
        }

        return await OutputAsync(reply, stdoutSink, direct, ct);
    }

    public void Dispose()
    {
        End();
        _channel?.Dispose();
    }

    private async Task<ChannelOutput> OutputAsync(Reply reply, Stream? stdoutSink, bool direct, CancellationToken ct)
    {
        int status;
        try
        {
            status = await reply.Done.Task;
        }
        catch (PersistentShellEndedException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }

        if (direct && status != 0)
        {
            // The loop exits after this reply (its input may be out of step): never hand this shell out again. Its
            // channel is closed by the server right after; it is waited for (bounded), because closing it from this
            // side first races with that close, and SSH.NET then ends the whole connection ("eof packet referred to
            // nonexistent channel", seen in CI).
            Volatile.Write(ref _retired, true);
            try
            {
                await _closed.Task.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // The loop did not exit in time: the shell is disposed anyway, as any ended one.
            }
        }

        var stdout = reply.Stdout is MemoryStream buffer && stdoutSink is null ? buffer.ToArray() : [];
        var stderr = reply.StderrText();
        var signal = SignalOf(status);
        return new ChannelOutput(signal is null ? status : null, signal, stdout, stderr, false);
    }

    /// <summary>Queues a reply on both streams; the connection's reading thread completes it once both have framed it.</summary>
    private void Enqueue(Reply reply)
    {
        _stdoutReplies.Enqueue(reply);
        _stderrReplies.Enqueue(reply);
    }

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

    private ShellChannel Channel => _channel ?? throw new InvalidOperationException("the shell has no channel yet");

    private static (PersistentShell Shell, string Command) Create(string? first)
    {
        var token = "converge-shell-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return (new PersistentShell(token, first is not null), PersistentShellScript.Command(token, first));
    }

    private void Attach(ShellChannel channel)
    {
        lock (_sync)
        {
            _channel = channel;
            if (_ended is null)
            {
                return;
            }
        }

        // The channel ended before it was attached (the loop could not start): make sure it is closed.
        channel.End();
    }

    private void End() => _channel?.End();

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

    private void Received(ReadOnlySpan<byte> chunk) => _stdoutScanner.Feed(chunk, _stdout, _stdoutCompleted);

    private void ReceivedError(ReadOnlySpan<byte> chunk) => _stderrScanner.Feed(chunk, _stderr, _stderrCompleted);

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
        // Ended before the channel was attached means it never started; the channel is then asked once attached.
        var channel = Volatile.Read(ref _channel);
        var connectionLost = channel is { ConnectionLost: true } || channel is { SessionConnected: false };
        var startupError = _startup.Done.Task.IsCompleted ? string.Empty : _startup.StderrText().Trim();
        var detail = failure?.Message ?? channel?.Describe(startupError) ?? "the remote shell could not start";
        var ended = new PersistentShellEndedException(connectionLost, detail);
        lock (_sync)
        {
            _ended = ended;
        }

        foreach (var replies in new[] { _stdoutReplies, _stderrReplies })
        {
            while (replies.TryDequeue(out var r))
            {
                r.Done.TrySetException(ended);
            }
        }

        _closed.TrySetResult();
    }

    private sealed class Reply(Stream stdout, int stderrLimit = int.MaxValue)
    {
        private int _status;
        private int _halves;

        public Stream Stdout { get; } = stdout;

        public MemoryStream Stderr { get; } = new();

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void WriteStderr(ReadOnlySpan<byte> data) =>
            Stderr.Write(data[..(int)Math.Min(data.Length, Math.Max(0, stderrLimit - Stderr.Length))]);

        public string StderrText() => Encoding.UTF8.GetString(Stderr.GetBuffer(), 0, (int)Stderr.Length);

        /// <summary>One stream has framed this reply (standard output with its <paramref name="status"/>); done once both have.</summary>
        public void Complete(int? status)
        {
            if (status is { } value)
            {
                _status = value;
            }

            // Both halves come from the connection's one reading thread, in either order.
            if (++_halves == 2)
            {
                Done.TrySetResult(_status);
            }
        }
    }
}
