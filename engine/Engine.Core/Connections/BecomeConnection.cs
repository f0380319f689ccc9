namespace Converge.Core.Connections;

/// <summary>
/// A task's view of its host's connection that applies the task's <c>become</c> to every call that
/// does not name its own, so modules need not know about privilege escalation.
/// </summary>
public sealed class BecomeConnection(IConnection inner, Become taskBecome) : ConnectionDecorator(inner)
{
    public override Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct) =>
        Inner.RunAsync(command.Become is null ? command with { Become = taskBecome } : command, ct);

    public override Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct) =>
        Inner.RunProbesAsync([.. probes.Select(p => p.Become is null ? p with { Become = taskBecome } : p)], ct);

    public override Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct) => Inner.StatAsync(path, become ?? taskBecome, ct);

    public override Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct) => Inner.ReadFileAsync(path, become ?? taskBecome, ct);

    public override Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        Inner.WriteFileAsync(path, content, options.Become is null ? options with { Become = taskBecome } : options, ct);

    public override Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        Inner.UploadAsync(localPath, remotePath, options.Become is null ? options with { Become = taskBecome } : options, ct);

    public override Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct) =>
        Inner.DownloadAsync(remotePath, localPath, become ?? taskBecome, ct);
}
