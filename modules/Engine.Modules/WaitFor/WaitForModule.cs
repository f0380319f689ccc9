using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.WaitFor;

/// <summary>
/// <c>wait_for</c>: the check tests the condition once (a probe in the batch): when it already holds the task is
/// in sync and nothing waits; otherwise the plan is "will wait" and apply polls on the host until it holds or
/// the timeout fails the task. So a check never blocks on a service an earlier task only predicts to start.
/// Differs from Ansible: a task that had to wait is reported changed (Ansible reports ok).
/// </summary>
public sealed class WaitForModule : Module<WaitForParams>
{
    public override string Name => "wait_for";

    protected override IValidator<WaitForParams> ParamsValidator => ParamsValidators.Of<WaitForParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(WaitForParams parameters) => Sleeps(parameters) ? [] : [new WaitForFact(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, WaitForParams parameters, CancellationToken ct)
    {
        var what = Describe(parameters);
        if (!Sleeps(parameters) && parameters.Delay == 0 && await context.Facts.GetAsync(new WaitForFact(parameters), ct))
        {
            return Plan.InSync($"{what} is {parameters.State}") with { Output = Output(parameters, 0) };
        }

        var change = Sleeps(parameters) ? new Change("wait_for", null, $"sleep {parameters.Timeout} s") : new Change($"wait_for: {what}", null, parameters.State);
        return Plan.Drift(change, Sleeps(parameters) ? $"will sleep {parameters.Timeout} s" : $"will wait up to {parameters.Timeout} s for {what} to be {parameters.State}");
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, WaitForParams parameters, Plan plan, CancellationToken ct)
    {
        var command = WaitForScript.Command(parameters, once: false);
        var result = await context.Connection.RunAsync(command, ct);
        if (result.ExitCode == 3)
        {
            var message = parameters.Msg ?? $"Timeout when waiting for {Describe(parameters)}";
            throw new TaskFailedException(message) { Output = Output(parameters, parameters.Timeout + parameters.Delay) };
        }

        if (!result.Succeeded)
        {
            throw new TaskFailedException("wait_for: the wait failed on the host", command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var elapsed = long.TryParse(result.Stdout.Trim().Replace("elapsed=", string.Empty, StringComparison.Ordinal), out var seconds) ? seconds : 0;
        return new ApplyResult($"{Describe(parameters)} is {parameters.State} after {elapsed} s") { Output = Output(parameters, elapsed) };
    }

    private static bool Sleeps(WaitForParams parameters) => parameters.Port is null && parameters.Path is null;

    private static string Describe(WaitForParams parameters) =>
        parameters.Path is { } path ? (parameters.SearchRegex is { } regex ? $"{regex} in {path}" : $"file {path}")
        : parameters.Port is { } port ? $"{parameters.Host}:{port}" : "the timeout";

    /// <summary>Ansible's return values.</summary>
    private static IReadOnlyDictionary<string, object?> Output(WaitForParams parameters, long elapsed) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["elapsed"] = elapsed,
            ["state"] = parameters.State,
            ["port"] = parameters.Port,
            ["path"] = parameters.Path,
            ["search_regex"] = parameters.SearchRegex,
        };
}
