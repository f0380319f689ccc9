using Converge.Core.Connections;

namespace Converge.Core.Facts;

/// <summary>
/// The host's connection as modules see it: every call that may change the host (a command of kind
/// <see cref="CommandKind.Change"/>, a write, an upload, a reconnect after a reboot) drops the facts of the host's
/// <see cref="FactCache"/> it may have made stale when it returns or fails. Facts are prefetched ahead of the tasks
/// that read them, so this is what keeps a prefetched fact from describing the host as it was before a change;
/// it does not rely on each module invalidating what it touched. A write names its path, and a command may name
/// its paths (<see cref="CommandSpec.Changes"/>); everything else drops every fact.
/// </summary>
public sealed class FactInvalidatingConnection(IConnection inner, FactCache facts) : ConnectionDecorator(inner)
{
    public override Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct) =>
        command.Kind == CommandKind.Probe ? Inner.RunAsync(command, ct) : ChangeAsync(command, ct);

    public override Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct) =>
        probes.All(p => p.Kind == CommandKind.Probe) ? Inner.RunProbesAsync(probes, ct) : ChangingAsync(null, () => Inner.RunProbesAsync(probes, ct));

    public override Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        ChangingAsync(Written(path, options), () => Inner.WriteFileAsync(path, content, options, ct));

    public override Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        ChangingAsync(Written(remotePath, options), () => Inner.UploadAsync(localPath, remotePath, options, ct));

    public override Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) =>
        ChangingAsync(null, () => Inner.ReconnectAsync(timeout, ct));

    private async Task<CommandResult> ChangeAsync(CommandSpec command, CancellationToken ct)
    {
        var result = await ChangingAsync(command.Changes, () => Inner.RunAsync(command, ct));
        if (result.Succeeded && command.Changes is { } changes)
        {
            facts.Made(changes);
        }

        return result;
    }

    /// <summary>
    /// An atomic write renames a temp file over the path: it replaces the name (a symlink there too), not the file
    /// other names share. A backup adds a file whose name is not known here, so a write with one may change anything.
    /// </summary>
    private static IReadOnlyList<PathChange>? Written(string path, FileWriteOptions options) =>
        options.Backup ? null : [PathChange.Entry(path)];

    private async Task ChangingAsync(IReadOnlyList<PathChange>? changes, Func<Task> change) => await ChangingAsync(changes, async () =>
    {
        await change();
        return true;
    });

    private async Task<T> ChangingAsync<T>(IReadOnlyList<PathChange>? changes, Func<Task<T>> change)
    {
        // Before as well as after: nothing read before the change may be served while it runs either.
        facts.Invalidate(changes);
        try
        {
            return await change();
        }
        finally
        {
            facts.Invalidate(changes);
        }
    }
}
