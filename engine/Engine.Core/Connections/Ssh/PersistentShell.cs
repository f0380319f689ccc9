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

    private readonly ConcurrentQueue<Reply> _replies = new();
    private readonly object _sync = new();
    private readonly ShellFrameScanner _scanner;
    private readonly string _token;
    private readonly Action<ReadOnlySpan<byte>> _stdout;
    private readonly Action<ReadOnlySpan<byte>> _stderr;
    private readonly Action<int> _completed;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PersistentShellEndedException? _ended;
    private bool _retired;
    private ShellChannel? _channel;

    private PersistentShell(string token)
    {
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
    }

    /// <summary>
    /// True once the loop has ended or may be out of step: a request with direct input that failed
    /// (<see cref="PersistentShellScript"/>) makes the loop exit after its reply, so the shell is not used again.
    /// </summary>
    public bool HasEnded => Volatile.Read(ref _ended) is not null || Volatile.Read(ref _retired);

    /// <summary>Starts the loop on a new exec channel (SSH.NET opens the channel synchronously).</summary>
    /// <summary>Starts the loop on a new exec channel of SSH.NET's <paramref name="client"/>.</summary>
    public static PersistentShell Start(SshClient client)
    {
        var (shell, command) = Create();
        shell.Attach(new SshNetShellChannel(client, command, shell.Received, shell.Ended));
        return shell;
    }

    /// <summary>Starts the loop on a new exec channel of Converge's own <paramref name="client"/>.</summary>
    internal static async Task<PersistentShell> StartAsync(WireClient client, CancellationToken ct)
    {
        var (shell, command) = Create();
        shell.Attach(await WireShellChannel.StartAsync(client, command, shell.Received, shell.Ended, ct));
        return shell;
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

            _replies.Enqueue(reply);
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
                    var exact = new ExactLengthStream(Channel.Input, inputLength);
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
        var stderr = Encoding.UTF8.GetString(reply.Stderr.GetBuffer(), 0, (int)reply.Stderr.Length);
        var signal = SignalOf(status);
        return new ChannelOutput(signal is null ? status : null, signal, stdout, stderr, false);
    }

    public void Dispose()
    {
        End();
        _channel?.Dispose();
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

    private static (PersistentShell Shell, string Command) Create()
    {
        var token = "converge-shell-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var stderrName = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return (new PersistentShell(token), PersistentShellScript.Command(token, stderrName));
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
        // Ended before the channel was attached means it never started; the channel is then asked once attached.
        var channel = Volatile.Read(ref _channel);
        var connectionLost = channel is { ConnectionLost: true } || channel is { SessionConnected: false };
        var detail = failure?.Message ?? channel?.Describe() ?? "the remote shell could not start";
        var ended = new PersistentShellEndedException(connectionLost, detail);
        lock (_sync)
        {
            _ended = ended;
        }

        while (_replies.TryDequeue(out var r))
        {
            r.Done.TrySetException(ended);
        }

        _closed.TrySetResult();
    }

    private sealed class Reply(Stream stdout)
    {
        public Stream Stdout { get; } = stdout;

        public MemoryStream Stderr { get; } = new();

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
