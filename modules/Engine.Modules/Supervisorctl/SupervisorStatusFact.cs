using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Supervisorctl;

/// <summary>
/// One probe, what Ansible's module reads first: <c>supervisorctl status</c>, each line's process and state word.
/// supervisorctl exits 0 when every process runs and 3 when some do not; any other status means it could not ask
/// supervisord (no socket, refused, authentication failed), and the task fails with supervisorctl's own words
/// (Ansible reads those words as process lines and says "ERROR (no such process)").
/// </summary>
public sealed class SupervisorStatusFact(SupervisorctlParams parameters) : Fact<IReadOnlyList<SupervisorProcess>>
{
    public override CommandSpec Command { get; } = SupervisorctlCommand.For(parameters, CommandKind.Probe, "status");

    public override IReadOnlyList<SupervisorProcess> Parse(CommandResult result)
    {
        if (result.ExitCode is not (0 or 3))
        {
            var said = string.Join("; ", (result.Stdout + result.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
            var why = result.ExitCode == SupervisorctlCommand.NotRunnable ? said : $"supervisorctl cannot ask supervisord for its processes: {said}";
            throw new TaskFailedException(why.Length > 0 ? why : "supervisorctl status failed", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return Lines(result.Stdout);
    }

    /// <summary>The process lines of <c>supervisorctl status</c>: <c>grp:web RUNNING pid 7681, uptime 13:22:18</c>.</summary>
    public static IReadOnlyList<SupervisorProcess> Lines(string stdout) =>
        [.. stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 2).Select(f => new SupervisorProcess(f[0], f[1]))];
}
