using System.Collections.Concurrent;
using Converge.Core.Connections;

namespace Converge.Core.Tests.Support;

/// <summary>A real <see cref="LocalConnection"/> that records the argument vector of every command and probe it runs.</summary>
internal sealed class RecordingConnection(string host, ConcurrentQueue<string> commands) : IConnection
{
    private readonly LocalConnection _inner = new(host);

    public string Host => _inner.Host;

    public Task OpenAsync(CancellationToken ct) => _inner.OpenAsync(ct);

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
    {
        commands.Enqueue(string.Join(' ', command.Arguments));
        return _inner.RunAsync(command, ct);
    }

    public Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
    {
        foreach (var probe in probes)
        {
            commands.Enqueue(string.Join(' ', probe.Arguments));
        }

        return _inner.RunProbesAsync(probes, ct);
    }

    public Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct) => _inner.StatAsync(path, become, ct);

    public Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct) => _inner.ReadFileAsync(path, become, ct);

    public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        _inner.WriteFileAsync(path, content, options, ct);

    public Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        _inner.UploadAsync(localPath, remotePath, options, ct);

    public Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct) =>
        _inner.DownloadAsync(remotePath, localPath, become, ct);

    public Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) => _inner.ReconnectAsync(timeout, ct);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
