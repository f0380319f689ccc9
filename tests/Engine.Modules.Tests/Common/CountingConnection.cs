using Converge.Core.Connections;

namespace Converge.Modules.Tests.Common;

/// <summary>Counts the calls a module makes on its connection (round trips over SSH), passing them through.</summary>
public sealed class CountingConnection(IConnection inner) : IConnection
{
    public int Runs { get; private set; }

    public int Reads { get; private set; }

    public string Host => inner.Host;

    public Task OpenAsync(CancellationToken ct) => inner.OpenAsync(ct);

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
    {
        Runs++;
        return inner.RunAsync(command, ct);
    }

    public Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
    {
        Runs++;
        return inner.RunProbesAsync(probes, ct);
    }

    public Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct)
    {
        Runs++;
        return inner.StatAsync(path, become, ct);
    }

    public Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct)
    {
        Reads++;
        return inner.ReadFileAsync(path, become, ct);
    }

    public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        inner.WriteFileAsync(path, content, options, ct);

    public Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        inner.UploadAsync(localPath, remotePath, options, ct);

    public Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct) =>
        inner.DownloadAsync(remotePath, localPath, become, ct);

    public Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) => inner.ReconnectAsync(timeout, ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
