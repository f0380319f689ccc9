using Converge.Core.Connections;

namespace Converge.Core.Facts;

/// <summary>
/// The host's connection as modules see it: every call that may change the host (a command of kind
/// <see cref="CommandKind.Change"/>, a write, an upload, a reconnect after a reboot) drops every fact of
/// the host's <see cref="FactCache"/> when it returns or fails. Facts are prefetched ahead of the tasks that
/// read them, so this is what keeps a prefetched fact from describing the host as it was before a change;
/// it does not rely on each module invalidating what it touched.
/// </summary>
public sealed class FactInvalidatingConnection(IConnection inner, FactCache facts) : IConnection
{
    public string Host => inner.Host;

    public Task OpenAsync(CancellationToken ct) => inner.OpenAsync(ct);

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct) =>
        command.Kind == CommandKind.Probe ? inner.RunAsync(command, ct) : ChangingAsync(() => inner.RunAsync(command, ct));

    public Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct) =>
        probes.All(p => p.Kind == CommandKind.Probe) ? inner.RunProbesAsync(probes, ct) : ChangingAsync(() => inner.RunProbesAsync(probes, ct));

    public Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct) => inner.StatAsync(path, become, ct);

    public Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct) => inner.ReadFileAsync(path, become, ct);

    public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        ChangingAsync(async () =>
        {
            await inner.WriteFileAsync(path, content, options, ct);
            return true;
        });

    public Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        ChangingAsync(async () =>
        {
            await inner.UploadAsync(localPath, remotePath, options, ct);
            return true;
        });

    public Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct) =>
        inner.DownloadAsync(remotePath, localPath, become, ct);

    public Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) =>
        ChangingAsync(async () =>
        {
            await inner.ReconnectAsync(timeout, ct);
            return true;
        });

    /// <summary>The inner connection is owned by the run, not by this view.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> ChangingAsync<T>(Func<Task<T>> change)
    {
        // Before as well as after: nothing read before the change may be served while it runs either.
        facts.InvalidateAll();
        try
        {
            return await change();
        }
        finally
        {
            facts.InvalidateAll();
        }
    }
}
