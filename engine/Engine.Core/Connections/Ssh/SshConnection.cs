using Converge.Core.Diagnostics;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// A host over SSH (SSH.NET): one connection per host for the whole run, and on it one persistent remote
/// shell (<see cref="PersistentShell"/>) through which every command, probe batch and file transfer goes, so a
/// host costs one TCP connection, one key exchange, one authentication and one session however many tasks it runs.
/// <para>
/// Files move through the shell (<c>cat</c> streams a file back; a write's content is streamed on standard input
/// to <c>dd</c>, straight from the shell's own standard input when there is no become)
/// rather than SFTP: SSH.NET cannot open an SFTP subsystem on an <see cref="SshClient"/>'s session
/// (sshnet/SSH.NET#381), so SFTP would cost a second connection, handshake and authentication per host
/// (and a second sshd process on it). The shell also writes atomically in one round trip, with the
/// same sudo path as commands, and clean up after an interrupted transfer (see <see cref="RemoteFileScripts"/>).
/// </para>
/// <para>
/// Failures: a host that cannot be reached, or whose connection drops while a command runs, raises
/// <see cref="HostUnreachableException"/> (the host cannot run further tasks; the runner reports it
/// unreachable and the task as failed). A command that runs and fails is a <see cref="CommandResult"/>;
/// a file operation or become that the host refuses raises <see cref="TaskFailedException"/>.
/// </para>
/// </summary>
public sealed partial class SshConnection : IConnection
{
    /// <summary>
    /// Shells kept per host when callers overlap; the runner's tasks on one host run in order, so one is the
    /// rule. OpenSSH allows 10 sessions per connection (MaxSessions), which leaves room for a reconnect.
    /// </summary>
    private const int MaxShells = 8;

    private readonly HostConnectionSettings _settings;
    private readonly ConnectionOptions _options;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly Stack<PersistentShell> _idleShells = new();
    private readonly SemaphoreSlim _shellSlots = new(MaxShells, MaxShells);
    private SshSession? _client;
    private long _channels;

    public SshConnection(HostConnectionSettings settings, ConnectionOptions options)
    {
        _settings = settings;
        _options = options;
    }

    public string Host => _settings.Host;

    /// <summary>Where this connection goes, as people write it: <c>user@address:port</c>.</summary>
    public string Endpoint => $"{_settings.User}@{_settings.Address}:{_settings.Port}";

    /// <summary>How many exec channels (persistent shells) this connection has opened: each costs sshd a session and the login shell's start-up.</summary>
    public long ChannelCount => Interlocked.Read(ref _channels);

    /// <summary>The dead-peer bound the kernel enforces on the open connection, read back from its socket (null when closed or not armed).</summary>
    public TimeSpan? DeadPeerTimeout => _client is { } client ? DeadPeerDetection.ArmedTimeout(client) : null;

    public async Task OpenAsync(CancellationToken ct)
    {
        await _connectGate.WaitAsync(ct);
        try
        {
            if (_client is { IsConnected: true })
            {
                return;
            }

            _client?.Dispose();
            _client = null;
            _client = await ConnectAsync(ct);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    public async Task ReconnectAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _connectGate.WaitAsync(ct);
        try
        {
            Drop();
        }
        finally
        {
            _connectGate.Release();
        }

        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await OpenAsync(ct);
                return;
            }
            catch (HostUnreachableException e) when (!IsHostKeyFailure(e) && DateTime.UtcNow + delay < deadline)
            {
                // A rebooting host refuses, times out or drops the handshake until sshd is back: wait and retry.
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(8).Ticks));
            }
            catch (HostUnreachableException e) when (!IsHostKeyFailure(e))
            {
                throw new HostUnreachableException(Host, $"did not come back within {timeout.TotalSeconds:0.#} s ({attempt} attempts); last error: {e.Reason}", e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connectGate.WaitAsync();
        try
        {
            Drop();
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private void Drop()
    {
        List<PersistentShell> shells;
        lock (_idleShells)
        {
            shells = [.. _idleShells];
            _idleShells.Clear();
        }

        try
        {
            // Disconnect first: SSH.NET closes an open channel by waiting, synchronously, for the server to confirm
            // (a round trip, up to a second, on a pool thread). A disconnected session's channels close at once,
            // and the server ends the shells with the connection.
            if (_client is { IsConnected: true })
            {
                _client.Disconnect();
            }
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is already gone; there is nothing to close politely.
        }

        foreach (var shell in shells)
        {
            shell.Dispose();
        }

        _client?.Dispose();
        _client = null;
    }

    /// <summary>
    /// An idle shell on <paramref name="client"/>, or a new one when every shell is busy (or none is open yet). A new
    /// one runs <paramref name="first"/>, when given, as its first request, carried in its exec request
    /// (<see cref="PersistentShellScript"/>): <c>Started</c> says the script went so and its reply is the shell's
    /// <see cref="PersistentShell.FirstAsync"/>.
    /// </summary>
    private async Task<(PersistentShell Shell, bool Started)> TakeShellAsync(SshSession client, string? first, CancellationToken ct)
    {
        await _shellSlots.WaitAsync(ct);
        lock (_idleShells)
        {
            while (_idleShells.TryPop(out var idle))
            {
                if (!idle.HasEnded)
                {
                    return (idle, false);
                }

                idle.Dispose();
            }
        }

        // The exec request's command line shows in the host's process list: a script holding any of the run's secrets
        // goes as a normal request instead. Asked only here, when a shell starts, not for every request.
        if (first is not null && _options.Redactor.Reveals(first))
        {
            first = null;
        }

        try
        {
            Interlocked.Increment(ref _channels);
            return (await client.StartShellAsync(first, ct), first is not null);
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            _shellSlots.Release();
            throw new HostUnreachableException(Host, _options.Redactor.Redact($"cannot open a session on {Endpoint}: {e.Message}"), e);
        }
    }

    private void ReturnShell(PersistentShell shell)
    {
        lock (_idleShells)
        {
            if (shell.HasEnded)
            {
                shell.Dispose();
            }
            else
            {
                _idleShells.Push(shell);
            }
        }

        _shellSlots.Release();
    }

    /// <summary>The open client, connecting first if the run has not opened this host yet.</summary>
    private async Task<SshSession> ClientAsync(CancellationToken ct)
    {
        var client = _client;
        if (client is { IsConnected: true })
        {
            return client;
        }

        if (client is not null)
        {
            throw new HostUnreachableException(Host, $"the connection to {Endpoint} was lost; call ReconnectAsync to connect again");
        }

        await OpenAsync(ct);
        return _client!;
    }
}
