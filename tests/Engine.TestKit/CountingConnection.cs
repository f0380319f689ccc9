using Converge.Core.Connections;

namespace Converge.TestKit;

/// <summary>
/// A real connection that counts what passes through it (round trips over SSH): single commands by kind,
/// probe batches with their sizes, stats and file reads.
/// </summary>
public sealed class CountingConnection(IConnection inner) : IConnection
{
    private int _probes;
    private int _changes;
    private int _batches;
    private int _stats;
    private int _reads;

    public string Host => inner.Host;

    /// <summary>Single probe commands (each one round trip).</summary>
    public int Probes => _probes;

    /// <summary>Single change commands.</summary>
    public int Changes => _changes;

    /// <summary><see cref="RunProbesAsync"/> calls (each one round trip over SSH).</summary>
    public int Batches => _batches;

    public List<int> BatchSizes { get; } = [];

    /// <summary>Commands, probe batches and stats: every round trip except file reads.</summary>
    public int Runs => _probes + _changes + _batches + _stats;

    /// <summary>Whole-file reads.</summary>
    public int Reads => _reads;

    public Task OpenAsync(CancellationToken ct) => inner.OpenAsync(ct);

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
    {
        Interlocked.Increment(ref command.Kind == CommandKind.Probe ? ref _probes : ref _changes);
        return inner.RunAsync(command, ct);
    }

    public Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
    {
        Interlocked.Increment(ref _batches);
        lock (BatchSizes)
        {
            BatchSizes.Add(probes.Count);
        }

        return inner.RunProbesAsync(probes, ct);
    }

    public Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct)
    {
        Interlocked.Increment(ref _stats);
        return inner.StatAsync(path, become, ct);
    }

    public Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct)
    {
        Interlocked.Increment(ref _reads);
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
