using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Cron;

/// <summary>
/// A user's crontab as <c>crontab -l</c> prints it ("" when there is none: exit 1, as Ansible reads it).
/// <c>-u USER</c> is passed only for another user than the one running it, since crontab(1) refuses
/// <c>-u</c> from an unprivileged user even for themselves.
/// </summary>
public sealed class CrontabFact(string? user) : Fact<string>
{
    private const string Script =
        """
        if [ -n "$1" ] && [ "$(id -un)" != "$1" ]; then set -- -u "$1"; else set --; fi
        crontab "$@" -l
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-crontab", user ?? string.Empty);

    public override string Parse(CommandResult result) => result.ExitCode switch
    {
        0 => result.Stdout,
        1 => string.Empty,
        _ => throw new TaskFailedException($"Unable to read crontab{(user is null ? string.Empty : " of " + user)}", Command.CommandLine, result.ExitCode, result.StderrTail()),
    };
}
