using System.Diagnostics;
using Converge.Core.Binding;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Reporting;
using Converge.Core.Templates;

namespace Converge.Core.Running;

/// <summary>The end of a task's life on one host: the outcome reported for it and the result its dependents see.</summary>
internal sealed class TaskOutcomes(RunState state, string host)
{
    /// <summary>A task that did not run its module: skipped, or the host became unreachable.</summary>
    public NodeResult Finish(GraphNode node, OutcomeStatus status, string message, bool blocked = false, Stopwatch? clock = null)
    {
        state.Report(Outcome(node, clock) with { Status = status, Message = message });
        return new NodeResult(status, blocked, Pending: false);
    }

    /// <summary>The items ran: one outcome for the task, its changes labelled by item.</summary>
    public NodeResult Combine(GraphNode node, IReadOnlyList<ItemRun> runs, Stopwatch clock, bool fromEarlierRun)
    {
        var changed = runs.Any(r => r.Changed);
        var changes = runs.Where(r => r.Changed).SelectMany(r => r.Plan.Changes.Select(c => r.HasItem ? c with { Path = $"[{LoopItems.Label(r.Item)}] {c.Path}" } : c)).ToList();
        var messages = runs.Select(r => (r.HasItem ? $"[{LoopItems.Label(r.Item)}] " : string.Empty) + (r.Applied?.Message ?? r.Plan.Reason)).ToList();
        if (runs.Count == 0)
        {
            messages.Add("skipped: the loop is empty");
        }

        if (fromEarlierRun)
        {
            messages.Insert(0, "pending from an earlier run:");
        }

        if (node.Task.Register is { } name && runs.Count != 1)
        {
            state.Scope.Register(host, name, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["changed"] = changed,
                ["failed"] = false,
                ["results"] = runs.Select(r => (object?)r.Registered).ToList(),
            });
        }

        var status = runs.Count == 0 || runs.All(r => r.Predicted && !r.Changed) ? OutcomeStatus.Skipped : changed ? OutcomeStatus.Changed : OutcomeStatus.Ok;
        state.Report(Outcome(node, clock) with
        {
            Status = status,
            Message = string.Join(changed || runs.Count > 1 ? "; " : " ", messages),
            Changes = changes,
            Diff = string.Join('\n', changes.Select(c => c.Diff).OfType<string>()),
            Assumed = runs.Any(r => r.Plan.Assumed),
        });
        return new NodeResult(status, Blocked: false, Pending: changed);
    }

    /// <summary>The task failed: a failure (ignored or stopping the host), or in check mode possibly an assumed change.</summary>
    public NodeResult Failure(GraphNode node, Exception error, bool upstreamPending, Stopwatch clock)
    {
        var message = Describe(node, error);
        if (state.Strategy.IsAssumedChange(error, upstreamPending))
        {
            state.Report(Outcome(node, clock) with
            {
                Status = OutcomeStatus.Changed,
                Message = $"assumed change: cannot be planned until earlier pending changes are applied ({message})",
                Assumed = true,
            });
            return new NodeResult(OutcomeStatus.Changed, Blocked: false, Pending: true);
        }

        var failed = error as TaskFailedException;
        var ignored = node.Task.IgnoreErrors;
        state.Report(Outcome(node, clock) with
        {
            Status = OutcomeStatus.Failed,
            Message = (ignored ? "ignored: " : string.Empty) + message,
            Command = failed?.Command,
            ExitCode = failed?.ExitCode,
            StderrTail = failed?.StderrTail,
            Ignored = ignored,
        });
        return new NodeResult(OutcomeStatus.Failed, Blocked: !ignored, Pending: false);
    }

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
