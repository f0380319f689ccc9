using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// The text of a file on the host, null when it does not exist: a probe, so a check that compares a
/// whole file (write-interfaces, configure-docker) reads it in the runner's batch instead of a round
/// trip of its own. Read as the login user, like <see cref="IConnection.ReadFileAsync"/> without become.
/// </summary>
public sealed class FileTextFact(string path) : Fact<string?>
{
    private const int Missing = 3;

    public override CommandSpec Command { get; } = CommandSpec.Probe(
        "/bin/sh", "-c", $"[ -e \"$1\" ] || exit {Missing}; exec cat -- \"$1\"", "converge-file-text", path);

    public override string? Parse(CommandResult result) => result.ExitCode switch
    {
        0 => result.Stdout,
        Missing when result.Stderr.Length == 0 => null,
        _ => throw new TaskFailedException($"cannot read {path}", Command.CommandLine, result.ExitCode, result.StderrTail()),
    };
}
