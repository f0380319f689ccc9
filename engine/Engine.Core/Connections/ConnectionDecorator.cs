namespace Converge.Core.Connections;

/// <summary>
/// A view of another connection that forwards every member to it; a decorator overrides only what it changes
/// (<see cref="BecomeConnection"/>, <see cref="CheckModeConnection"/>, the fact-invalidating view, the tests'
/// counting one). The inner connection is owned by whoever opened it, so disposing a view does nothing.
/// </summary>
public abstract class ConnectionDecorator(IConnection inner) : IConnection
{
    protected IConnection Inner { get; } = inner;

    public string Host => Inner.Host;

    public virtual Task OpenAsync(CancellationToken ct) => Inner.OpenAsync(ct);

    public virtual Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct) => Inner.RunAsync(command, ct);

    public virtual Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct) => Inner.RunProbesAsync(probes, ct);

    public virtual Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct) => Inner.StatAsync(path, become, ct);

    public virtual Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct) => Inner.ReadFileAsync(path, become, ct);

    public virtual Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) => Inner.WriteFileAsync(path, content, options, ct);

    public virtual Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) => Inner.UploadAsync(localPath, remotePath, options, ct);

    public virtual Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct) => Inner.DownloadAsync(remotePath, localPath, become, ct);

    public virtual Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) => Inner.ReconnectAsync(timeout, ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
