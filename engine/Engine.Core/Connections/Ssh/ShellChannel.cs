namespace Converge.Core.Connections.Ssh;

/// <summary>
/// The exec channel a <see cref="PersistentShell"/> runs its loop on: SSH.NET's (<see cref="SshNetShellChannel"/>) or
/// Converge's own client's (<see cref="WireShellChannel"/>). Standard output and standard error go to the callbacks
/// it was made with, from the connection's reading thread; they must not block.
/// </summary>
public abstract class ShellChannel : IDisposable
{
    /// <summary>True while the connection the channel runs on is up.</summary>
    public abstract bool SessionConnected { get; }

    /// <summary>Once the channel has ended: whether the connection was lost (rather than the loop exiting).</summary>
    public abstract bool ConnectionLost { get; }

    /// <summary>A stream over <see cref="WriteAsync"/>, for input copied from a file or a caller's stream.</summary>
    public Stream Input => field ??= new ShellChannelInput(this);

    /// <summary>Sends <paramref name="data"/> to the loop's standard input.</summary>
    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>How the loop ended (exit status or signal, and <paramref name="stderr"/>: what it wrote to standard error before its first reply), once it has.</summary>
    public abstract string Describe(string stderr);

    /// <summary>Kills the loop and closes the channel; never throws.</summary>
    public abstract void End();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>How the loop ended, in the words both channels use: exit status or signal, then what it wrote to standard error.</summary>
    protected static string Ending(int? exitStatus, string? signal, string stderr)
    {
        var how = signal is not null ? $"killed by signal {signal}" : $"exited with status {exitStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}";
        return stderr.Length > 0 ? $"the remote shell {how}: {stderr}" : $"the remote shell {how}";
    }
}
