using Converge.Core.Diagnostics;

namespace Converge.Core.Connections;

/// <summary>
/// Check mode, enforced by the transport: every read passes, every mutating call is refused with
/// <see cref="CheckModeViolationException"/>. Modules never see a check flag.
/// </summary>
public sealed class CheckModeConnection(IConnection inner) : IConnection
{
    public string Host => inner.Host;

    public Task OpenAsync(CancellationToken ct) => inner.OpenAsync(ct);

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct) =>
        command.Kind == CommandKind.Probe
            ? inner.RunAsync(command, ct)
            : throw new CheckModeViolationException($"run `{command.CommandLine}`");

    public Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
    {
        var change = probes.FirstOrDefault(p => p.Kind != CommandKind.Probe);
        return change is null
            ? inner.RunProbesAsync(probes, ct)
            : throw new CheckModeViolationException($"run `{change.CommandLine}`");
    }

    public Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct) => inner.StatAsync(path, become, ct);

    public Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct) => inner.ReadFileAsync(path, become, ct);

    public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        throw new CheckModeViolationException($"write {path}");

    public Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        throw new CheckModeViolationException($"upload {remotePath}");

    /// <summary>Downloading changes only the controller, so check mode allows it (e.g. to compare artifacts).</summary>
    public Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct) =>
        inner.DownloadAsync(remotePath, localPath, become, ct);

    public Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) =>
        throw new CheckModeViolationException("reconnect (a reboot is a change)");

    /// <summary>The inner connection is owned by the run, not by this view.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
