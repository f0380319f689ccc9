namespace Converge.Core.Connections;

/// <summary>
/// The transport to one host, opened once per run and shared by all of the host's tasks.
/// Implementations: <see cref="LocalConnection"/> and the SSH connection. Decorators add check-mode
/// refusal (<see cref="CheckModeConnection"/>) and a task's become (<see cref="BecomeConnection"/>).
/// </summary>
public interface IConnection : IAsyncDisposable
{
    /// <summary>The inventory name of the host.</summary>
    string Host { get; }

    /// <summary>Connects (or does nothing for local). Throws <c>HostUnreachableException</c> when it cannot.</summary>
    Task OpenAsync(CancellationToken ct);

    /// <summary>Runs a command; a non-zero exit is a result, not an exception.</summary>
    Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct);

    /// <summary>Runs several read-only commands in as few round trips as the transport allows.</summary>
    Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct);

    /// <summary>Stats a path without following a final symlink; null when it does not exist.</summary>
    Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct);

    /// <summary>Reads a whole file; null when it does not exist.</summary>
    Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct);

    /// <summary>Writes a file atomically: temp file beside it, fsync, rename; never half-written.</summary>
    Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct);

    /// <summary>Copies a controller file to the host, atomically like <see cref="WriteFileAsync"/>.</summary>
    Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct);

    /// <summary>Copies a host file to the controller.</summary>
    Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct);

    /// <summary>
    /// Drops the current session and connects again with backoff until <paramref name="timeout"/>,
    /// e.g. after a reboot. Throws <c>HostUnreachableException</c> when the host does not come back.
    /// </summary>
    Task ReconnectAsync(TimeSpan timeout, CancellationToken ct);
}
