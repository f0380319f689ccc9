using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;

namespace Converge.Modules.Common;

/// <summary>Runs a command that must succeed (mkdir, chmod, chown…) and turns a failure into a task failure.</summary>
public static class HostCommand
{
    public static Task<CommandResult> RunAsync(ModuleContext context, CommandSpec command, CancellationToken ct) =>
        RunAsync(context, command, command.CommandLine, ct);

    /// <summary>As above, named in a failure by <paramref name="what"/> (a script's purpose rather than its text).</summary>
    public static async Task<CommandResult> RunAsync(ModuleContext context, CommandSpec command, string what, CancellationToken ct)
    {
        var result = await context.Connection.RunAsync(command, ct);
        if (!result.Succeeded)
        {
            var how = result.ExitCode is { } code ? $"exit code {code}" : $"signal {result.Signal}";
            throw new TaskFailedException($"`{what}` failed ({how}): {result.StderrTail(3)}", what, result.ExitCode, result.StderrTail());
        }

        return result;
    }
}
