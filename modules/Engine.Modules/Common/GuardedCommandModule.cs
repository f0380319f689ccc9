using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;

namespace Converge.Modules.Common;

/// <summary>
/// The imperative check and apply of <c>command</c> and <c>shell</c>. A command cannot be inspected, so
/// the check predicts only from the guards: <c>creates</c> exists or <c>removes</c> is missing → in sync
/// (skipped); otherwise the plan is the change "will run". Apply runs it once; a non-zero exit fails the task.
/// </summary>
public abstract class GuardedCommandModule<TParams> : Module<TParams>
    where TParams : class, IGuardedCommand
{
    /// <summary>The command to run (kind Change), without working directory or input.</summary>
    protected abstract CommandSpec Build(TParams parameters);

    public override async Task<Plan> CheckAsync(ModuleContext context, TParams parameters, CancellationToken ct)
    {
        var line = Build(parameters).CommandLine;
        if (parameters.Creates is { } creates && await context.Connection.StatAsync(Resolve(parameters, creates), null, ct) is not null)
        {
            return Skipped($"skipped, since {creates} exists", line);
        }

        if (parameters.Removes is { } removes && await context.Connection.StatAsync(Resolve(parameters, removes), null, ct) is null)
        {
            return Skipped($"skipped, since {removes} does not exist", line);
        }

        return Plan.Drift(new Change(Name, null, line), "will run");
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, TParams parameters, Plan plan, CancellationToken ct)
    {
        var command = Build(parameters) with { WorkingDirectory = parameters.Chdir, StandardInput = parameters.Stdin };
        CommandResult result;
        try
        {
            result = await context.Connection.RunAsync(command, ct);
        }
        finally
        {
            // A command may change anything on the host, so every fact read before it may be stale.
            context.Facts.InvalidateAll();
        }

        var output = CommandOutput.From(command.CommandLine, result);
        if (!result.Succeeded)
        {
            var how = result.ExitCode is { } code ? $"exit code {code}" : $"signal {result.Signal}";
            throw new TaskFailedException($"`{command.CommandLine}` failed ({how})", command.CommandLine, result.ExitCode, result.StderrTail())
            {
                Output = output,
            };
        }

        return new ApplyResult($"ran `{command.CommandLine}` (rc 0)") { Output = output };
    }

    private static string Resolve(TParams parameters, string path) =>
        path.StartsWith('/') || parameters.Chdir is null ? path : parameters.Chdir.TrimEnd('/') + "/" + path;

    private static Plan Skipped(string reason, string line) =>
        Plan.InSync(reason) with { Output = CommandOutput.Skipped(line, reason) };
}
