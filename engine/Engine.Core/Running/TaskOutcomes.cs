using System.Diagnostics;
using Converge.Core.Binding;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Reporting;
using Converge.Core.Templates;
using Converge.Core.Variables;

namespace Converge.Core.Running;

/// <summary>The end of a task's life on one host: the outcome reported for it and the result its dependents see.</summary>
internal sealed class TaskOutcomes(RunState state, string host)
{
    /// <summary>A task that did not run its module: skipped, or the host became unreachable.</summary>
    public NodeResult Finish(GraphNode node, OutcomeStatus status, string message, bool blocked = false, Stopwatch? clock = null)
    {
        Report(node, Outcome(node, clock) with { Status = status, Message = message });
        return new NodeResult(status, blocked, Pending: false);
    }

    /// <summary>The items ran: one outcome for the task, its changes labelled by item.</summary>
    public NodeResult Combine(GraphNode node, IReadOnlyList<ItemRun> runs, Stopwatch clock, bool fromEarlierRun)
    {
        var changed = runs.Any(r => r.Changed);
        var changes = runs.Where(r => r.Changed).SelectMany(r => r.Plan.Changes.Select(c => r.HasItem ? c with { Path = "[{r.Loop.Label}] {c.Path}" } : c)).ToList();
        var messages = runs.Select(r => (r.HasItem ? $"[{r.Loop.Label}] " : string.Empty) + (r.Applied?.Message ?? r.Plan.Reason)).ToList();
        if (runs.Count == 0)
        {
            messages.Add("skipped: the loop is empty");
        }

        if (fromEarlierRun)
        {
            messages.Insert(0, "pending from an earlier run:");
        }

        RegisterLoop(node, runs);

        var status = runs.Count == 0 || runs.All(r => (r.Predicted && !r.Changed) || r.WasSkipped) ? OutcomeStatus.Skipped : changed ? OutcomeStatus.Changed : OutcomeStatus.Ok;
        Report(node, Outcome(node, clock) with
        {
            Status = status,
            Message = string.Join(changed || runs.Count > 1 ? "; " : " ", messages),
            Changes = changes,
            Diff = string.Join('\n', changes.Select(c => c.Diff).OfType<string>()),
            Assumed = runs.Any(r => r.Plan.Assumed),
        });
        return new NodeResult(status, Blocked: false, Pending: changed);
    }

    /// <summary>
    /// What <c>register</c> stores for a looped task, as ansible-core 2.14 builds it: <c>results</c> (each item's result
    /// with its loop variables: <c>item</c>, <c>ansible_loop_var</c>, the <c>index_var</c>, <c>ansible_loop</c>),
    /// <c>changed</c>, <c>msg</c> and <c>skipped</c>; an empty loop is skipped with its reason.
    /// </summary>
    public void RegisterLoop(GraphNode node, IReadOnlyList<ItemRun> runs)
    {
        if (node.Task.Register is { } name && node.Task.Loop is not null)
        {
            state.Scope.Register(host, name, LoopResult(runs));
        }
    }

    private static Dictionary<string, object?> LoopResult(IReadOnlyList<ItemRun> runs)
    {
        if (runs.Count == 0)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["changed"] = false,
                ["results"] = new List<object?>(),
                ["skipped"] = true,
                ["skipped_reason"] = "No items in the list",
            };
        }

        var results = runs.Select(r =>
        {
            var result = new Dictionary<string, object?>(r.Registered, StringComparer.Ordinal);
            VariableMerge.Overlay(result, r.Loop.Variables);
            return (object?)result;
        }).ToList();
        var loop = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["changed"] = runs.Any(r => r.Changed),
            ["msg"] = "All items completed",
            ["results"] = results,
            ["skipped"] = runs.All(r => r.Registered.GetValueOrDefault("skipped") is true),
        };
        if (runs.Any(r => r.HasFailed))
        {
            loop["failed"] = true;
            loop["msg"] = "One or more items failed";
        }

        return loop;
    }

    /// <summary>
    /// The task failed: a failure (ignored, rescued by a block, or stopping the host), or in check mode possibly an
    /// assumed change. <paramref name="rescue"/> asks the host's blocks to catch it; it is asked only for a failure
    /// that is neither assumed nor ignored.
    /// </summary>
    public NodeResult Failure(GraphNode node, Exception error, bool upstreamPending, Stopwatch clock, Func<bool> rescue)
    {
        var message = Describe(node, error);
        if (state.StrategyOf(node).IsAssumedChange(error, upstreamPending))
        {
            Report(node, Outcome(node, clock) with
            {
                Status = OutcomeStatus.Changed,
                Message = $"assumed change: cannot be planned until earlier pending changes are applied ({message})",
                Assumed = true,
            });
            return new NodeResult(OutcomeStatus.Changed, Blocked: false, Pending: true);
        }

        var failed = error as TaskFailedException;
        var ignored = state.KeywordsOf(node).IgnoresErrors;
        var rescued = !ignored && rescue();
        Report(node, Outcome(node, clock) with
        {
            Status = OutcomeStatus.Failed,
            Message = (ignored ? "ignored: " : rescued ? "rescued: " : string.Empty) + message,
            Command = failed?.Command,
            ExitCode = failed?.ExitCode,
            StderrTail = failed?.StderrTail,
            Ignored = ignored,
            Rescued = rescued,
        });
        return new NodeResult(OutcomeStatus.Failed, Blocked: !ignored && !rescued, Pending: false);
    }

    /// <summary>What a rescue sees of the failure: <c>ansible_failed_result</c>, the failed task's result as <c>register</c> would store it.</summary>
    public static Dictionary<string, object?> FailedResult(Exception error)
    {
        var failed = error as TaskFailedException;
        return RegisteredResult.Of(null, null, failed: true, error.Message, failed?.Output, failed?.ExitCode, failed?.StderrTail);
    }

    /// <summary>Every outcome of a <c>no_log</c> task loses what could carry a value: message, changes, diff, command, stderr.</summary>
    private void Report(GraphNode node, TaskOutcome outcome) => state.Report(!state.KeywordsOf(node).NoLog ? outcome : outcome with
    {
        Message = Censored,
        Changes = [],
        Diff = string.Empty,
        Command = null,
        StderrTail = null,
    });

    /// <summary>Ansible's words for a hidden result.</summary>
    public const string Censored = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

    private static string Describe(GraphNode node, Exception error) => error switch
    {
        BindingException b => string.Join("; ", b.Problems.Select(p => $"{p.Span}: {p.Message}")),
        UndefinedVariableException u => $"{node.Task.Span}: undefined variable '{u.Variable}' in task '{node.Task.Name}'",
        TemplateSyntaxException t => $"{node.Task.Span}: {t.Message}",
        TemplateRuntimeException t => $"{node.Task.Span}: {t.Message} in task '{node.Task.Name}'",
        CheckModeViolationException v => $"module '{node.Task.Module}' tried to change the host in check mode: {v.Message}",
        ConvergeException c => c.Message,
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    private TaskOutcome Outcome(GraphNode node, Stopwatch? clock) => new()
    {
        Host = host,
        Task = node.Task.Name,
        Module = node.Task.Module,
        Status = OutcomeStatus.Ok,
        Message = string.Empty,
        IsHandler = node.Task.IsHandler,
        DurationMs = clock?.ElapsedMilliseconds ?? 0,
    };
}
