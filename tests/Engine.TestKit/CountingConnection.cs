using System.Collections.Concurrent;
using Converge.Core.Connections;

namespace Converge.TestKit;

/// <summary>
/// A real connection that counts what passes through it (round trips over SSH): single commands by kind,
/// probe batches with their sizes, stats and file reads; and records the arguments of every command and probe.
/// </summary>
public sealed class CountingConnection(IConnection inner) : ConnectionDecorator(inner)
{
    private int _probes;
    private int _changes;
    private int _batches;
    private int _stats;
    private int _reads;
    private int _writes;

    /// <summary>Single probe commands (each one round trip).</summary>
    public int Probes => _probes;

    /// <summary>Single change commands.</summary>
    public int Changes => _changes;

    /// <summary><see cref="RunProbesAsync"/> calls (each one round trip over SSH).</summary>
    public int Batches => _batches;

    public List<int> BatchSizes { get; } = [];

    /// <summary>The arguments of every single command and batched probe, joined by spaces, in the order sent.</summary>
    public ConcurrentQueue<string> Arguments { get; } = new();

    /// <summary>Commands, probe batches and stats: every round trip except file reads.</summary>
    public int Runs => _probes + _changes + _batches + _stats;

    /// <summary>Single stats (each one round trip).</summary>
    public int Stats => _stats;

    /// <summary>Whole-file reads.</summary>
    public int Reads => _reads;

    /// <summary>File writes and uploads (each one round trip).</summary>
    public int Writes => _writes;

    public override Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
    {
        Interlocked.Increment(ref command.Kind == CommandKind.Probe ? ref _probes : ref _changes);
        Arguments.Enqueue(string.Join(' ', command.Arguments));
        return Inner.RunAsync(command, ct);
    }

    public override Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
    {
        Interlocked.Increment(ref _batches);
        lock (BatchSizes)
        {
            BatchSizes.Add(probes.Count);
        }

        foreach (var probe in probes)
        {
            Arguments.Enqueue(string.Join(' ', probe.Arguments));
        }

        return Inner.RunProbesAsync(probes, ct);
    }

    public override Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct)
    {
        Interlocked.Increment(ref _stats);
        return Inner.StatAsync(path, become, ct);
    }

    public override Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct)
    {
        Interlocked.Increment(ref _reads);
        return Inner.ReadFileAsync(path, become, ct);
    }

    public override Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct)
    {
        Interlocked.Increment(ref _writes);
        return Inner.WriteFileAsync(path, content, options, ct);
    }

    public override Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct)
    {
        Interlocked.Increment(ref _writes);
        return Inner.UploadAsync(localPath, remotePath, options, ct);
    }

    /// <summary>The counted connection is the run's connection itself, so disposing it closes the inner one.</summary>
    public override async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
