using System.Diagnostics;
using Converge.Core.Binding;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Reporting;
using Converge.Core.Templates;

namespace Converge.Core.Running;

/// <summary>One node: dependencies, handler notification, <c>when</c>, throttle, loop, retries.</summary>
internal sealed partial class HostWorker
{
    private async Task<NodeResult> ExecuteAsync(GraphNode node, CancellationToken ct)
    {
        var task = node.Task;
        if (_stoppedBy is not null)
        {
            return new NodeResult(OutcomeStatus.Skipped, Blocked: true, Pending: false);
        }

        var blocker = node.Incoming.Where(e => e.Kind is EdgeKind.Requires or EdgeKind.Order && e.From.Host != host)
            .FirstOrDefault(e => state.ResultOf(e.From).Result.Blocked);
        if (blocker is not null)
        {
            _stoppedBy = $"'{task.Name}' could not run";
            return Finish(node, OutcomeStatus.Skipped, $"skipped: requires '{blocker.From.Task.Name}' on {blocker.From.Host}, which failed or could not run", blocked: true);
        }

        var handlerKey = task.IsHandler && _journal is not null ? _journal.KeyOf(node.Play, task) : null;
        var fromEarlierRun = handlerKey is not null && _pendingHandlers.Contains(handlerKey);
        if (task.IsHandler && !_notified.Contains(task) && !fromEarlierRun)
        {
            return NodeResult.NotNotified;
        }

        var upstreamPending = _hasPendingChanges || node.Incoming.Any(e => e.From.Host != host && state.ResultOf(e.From).Result.Pending);
        state.Observer.TaskStarted(host, task.Name);
        var clock = Stopwatch.StartNew();
        var throttle = state.ThrottleOf(node);
        if (throttle is not null)
        {
            await throttle.WaitAsync(ct);
        }

        try
        {
            var vars = state.Scope.For(node);
            if (task.When is not null && !state.Templates.Evaluate(task.When, vars))
            {
                return Finish(node, OutcomeStatus.Skipped, $"skipped: when '{task.When}' is false", clock: clock);
            }

            var items = LoopItems.Of(task, vars, state.Templates);
            var runs = new List<ItemRun>();
            foreach (var item in items)
            {
                runs.Add(await RunWithRetriesAsync(node, item, ct));
            }

            var result = Combine(node, runs, clock, fromEarlierRun);
            if (result.Status == OutcomeStatus.Changed)
            {
                _hasPendingChanges = true;
                foreach (var handler in GraphBuilder.NotifiedHandlers(node))
                {
                    _notified.Add(handler);
                }
            }

            if (task.IsHandler && !state.Options.Check && result.Status is OutcomeStatus.Ok or OutcomeStatus.Changed && handlerKey is not null)
            {
                await _journal!.RemoveAsync(handlerKey, ct);
            }

            return result;
        }
        catch (HostUnreachableException e)
        {
            _unreachable = true;
            _stoppedBy = "unreachable";
            return Finish(node, OutcomeStatus.Unreachable, e.Reason, blocked: true, clock: clock);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return Failure(node, e, upstreamPending, clock);
        }
        finally
        {
            throttle?.Release();
        }
    }

    private NodeResult Failure(GraphNode node, Exception error, bool upstreamPending, Stopwatch clock)
    {
        var message = Describe(node, error);
        if (state.Options.Check && upstreamPending && error is not CheckModeViolationException)
        {
            // Check mode plans against the host as it is; when an earlier change is only pending, this
            // task's failure is what that pending change would fix, so it is an assumed change, not a failure.
            _hasPendingChanges = true;
            state.Report(new TaskOutcome
            {
                Host = host,
                Task = node.Task.Name,
                Module = node.Task.Module,
                Status = OutcomeStatus.Changed,
                Message = $"assumed change: cannot be planned until earlier pending changes are applied ({message})",
                Assumed = true,
                IsHandler = node.Task.IsHandler,
                DurationMs = clock.ElapsedMilliseconds,
            });
            return new NodeResult(OutcomeStatus.Changed, Blocked: false, Pending: true);
        }

        var failed = error as TaskFailedException;
        state.Report(new TaskOutcome
        {
            Host = host,
            Task = node.Task.Name,
            Module = node.Task.Module,
            Status = OutcomeStatus.Failed,
            Message = (node.Task.IgnoreErrors ? "ignored: " : string.Empty) + message,
            Command = failed?.Command,
            ExitCode = failed?.ExitCode,
            StderrTail = failed?.StderrTail,
            Ignored = node.Task.IgnoreErrors,
            IsHandler = node.Task.IsHandler,
            DurationMs = clock.ElapsedMilliseconds,
        });
        if (node.Task.IgnoreErrors)
        {
            return new NodeResult(OutcomeStatus.Failed, Blocked: false, Pending: false);
        }

        _stoppedBy = node.Task.Name;
        return new NodeResult(OutcomeStatus.Failed, Blocked: true, Pending: false);
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

    private NodeResult Finish(GraphNode node, OutcomeStatus status, string message, bool blocked = false, Stopwatch? clock = null)
    {
        state.Report(new TaskOutcome
        {
            Host = host,
            Task = node.Task.Name,
            Module = node.Task.Module,
            Status = status,
            Message = message,
            IsHandler = node.Task.IsHandler,
            DurationMs = clock?.ElapsedMilliseconds ?? 0,
        });
        return new NodeResult(status, blocked, Pending: false);
    }
}
