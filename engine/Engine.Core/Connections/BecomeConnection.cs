namespace Converge.Core.Connections;

/// <summary>
/// A task's view of its host's connection that applies the task's <c>become</c> to every call that
/// does not name its own, so modules need not know about privilege escalation.
/// </summary>
public sealed class BecomeConnection(IConnection inner, Become taskBecome) : IConnection
{
    public string Host => inner.Host;

    public Task OpenAsync(CancellationToken ct) => inner.OpenAsync(ct);

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct) =>
        inner.RunAsync(command.Become is null ? command with { Become = taskBecome } : command, ct);

    public Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct) =>
        inner.RunProbesAsync([.. probes.Select(p => p.Become is null ? p with { Become = taskBecome } : p)], ct);

    public Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct) => inner.StatAsync(path, become ?? taskBecome, ct);

    public Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct) => inner.ReadFileAsync(path, become ?? taskBecome, ct);

    public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        inner.WriteFileAsync(path, content, options.Become is null ? options with { Become = taskBecome } : options, ct);

    public Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        inner.UploadAsync(localPath, remotePath, options.Become is null ? options with { Become = taskBecome } : options, ct);

    public Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct) =>
        inner.DownloadAsync(remotePath, localPath, become ?? taskBecome, ct);

    public Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) => inner.ReconnectAsync(timeout, ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
