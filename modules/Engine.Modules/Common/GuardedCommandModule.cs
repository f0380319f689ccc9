using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
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
        var line = Describe(parameters);
        if (parameters.Creates is { } creates && await StatAsync(context, Resolve(parameters, creates), ct) is not null)
        {
            return Skipped($"skipped, since {creates} exists", line);
        }

        if (parameters.Removes is { } removes && await StatAsync(context, Resolve(parameters, removes), ct) is null)
        {
            return Skipped($"skipped, since {removes} does not exist", line);
        }

        return Plan.Drift(new Change(Name, null, line), "will run") with { ReportsChange = RunReportsChange };
    }

    /// <summary>What the plan says will run: the command line (uri: the method and URL).</summary>
    protected virtual string Describe(TParams parameters) => Build(parameters).CommandLine;

    /// <summary>Whether running it counts as a change (command, shell: yes, as in Ansible; uri: no).</summary>
    protected virtual bool RunReportsChange => true;

    /// <summary>The guards' stats, so a no-op rerun reads them in the runner's one batch.</summary>
    public override IReadOnlyList<IFact> FactsOf(TParams parameters) =>
        [.. new[] { parameters.Creates, parameters.Removes }.OfType<string>().Select(p => new PathStatFact(Resolve(parameters, p)))];

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

    /// <summary>A guard is checked as the task's user: through the fact cache as the login user, else through the become connection.</summary>
    private static Task<FileStat?> StatAsync(ModuleContext context, string path, CancellationToken ct) =>
        context.Become is null ? context.Facts.GetAsync(new PathStatFact(path), ct) : context.Connection.StatAsync(path, null, ct);

    private static string Resolve(TParams parameters, string path) =>
        path.StartsWith('/') || parameters.Chdir is null ? path : parameters.Chdir.TrimEnd('/') + "/" + path;

    private static Plan Skipped(string reason, string line) =>
        Plan.InSync(reason) with { Output = CommandOutput.Skipped(line, reason) };
}
