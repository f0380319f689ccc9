using Converge.Core.Connections;

namespace Converge.Core.Facts;

/// <summary>
/// The host's connection as modules see it: every call that may change the host (a command of kind
/// <see cref="CommandKind.Change"/>, a write, an upload, a reconnect after a reboot) drops every fact of
/// the host's <see cref="FactCache"/> when it returns or fails. Facts are prefetched ahead of the tasks that
/// read them, so this is what keeps a prefetched fact from describing the host as it was before a change;
/// it does not rely on each module invalidating what it touched.
/// </summary>
public sealed class FactInvalidatingConnection(IConnection inner, FactCache facts) : ConnectionDecorator(inner)
{
    public override Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct) =>
        command.Kind == CommandKind.Probe ? Inner.RunAsync(command, ct) : ChangingAsync(() => Inner.RunAsync(command, ct));

    public override Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct) =>
        probes.All(p => p.Kind == CommandKind.Probe) ? Inner.RunProbesAsync(probes, ct) : ChangingAsync(() => Inner.RunProbesAsync(probes, ct));

    public override Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        ChangingAsync(() => Inner.WriteFileAsync(path, content, options, ct));

    public override Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        ChangingAsync(() => Inner.UploadAsync(localPath, remotePath, options, ct));

    public override Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) =>
        ChangingAsync(() => Inner.ReconnectAsync(timeout, ct));

    private async Task ChangingAsync(Func<Task> change) => await ChangingAsync(async () =>
    {
        await change();
        return true;
    });

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
