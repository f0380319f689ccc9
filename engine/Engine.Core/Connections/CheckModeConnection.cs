using Converge.Core.Diagnostics;

namespace Converge.Core.Connections;

/// <summary>
/// Check mode, enforced by the transport: every read passes, every mutating call is refused with
/// <see cref="CheckModeViolationException"/>. Modules never see a check flag. Downloading changes only the
/// controller, so check mode allows it (e.g. to compare artifacts).
/// </summary>
public sealed class CheckModeConnection(IConnection inner) : ConnectionDecorator(inner)
{
    public override Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct) =>
        command.Kind == CommandKind.Probe
            ? Inner.RunAsync(command, ct)
            : throw new CheckModeViolationException($"run `{command.CommandLine}`");

    public override Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
    {
        var change = probes.FirstOrDefault(p => p.Kind != CommandKind.Probe);
        return change is null
            ? Inner.RunProbesAsync(probes, ct)
            : throw new CheckModeViolationException($"run `{change.CommandLine}`");
    }

    public override Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        throw new CheckModeViolationException($"write {path}");

    public override Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        throw new CheckModeViolationException($"upload {remotePath}");

    public override Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) =>
        throw new CheckModeViolationException("reconnect (a reboot is a change)");
}
