using System.Diagnostics;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>
/// One task's life on one host, top to bottom: the policies that decide whether it runs (the host stopped,
/// a required node failed elsewhere, a handler not notified, throttle, <c>when</c>), its items (check → plan →
/// apply, in <see cref="ItemStep"/>), and its outcome (<see cref="TaskOutcomes"/>).
/// </summary>
internal sealed class TaskStep(RunState state, string host, HostSession session, HandlerNotifications handlers, HostAgenda agenda, HostStanding standing)
{
    private readonly ItemStep _items = new(state, session, handlers, agenda);
    private readonly TaskOutcomes _outcomes = new(state, host);

    public async Task<NodeResult> RunAsync(int index, CancellationToken ct)
    {
        var node = agenda[index];

        // Policies: whether the task runs at all.
        if (standing.Stopped)
        {
            return NodeResult.NotRun;
        }

        var blocker = node.Incoming.Where(e => e.Kind is EdgeKind.Requires or EdgeKind.Order && e.From.Host != host)
            .FirstOrDefault(e => state.ResultOf(e.From).Result.Blocked);
        if (blocker is not null)
        {
            return _outcomes.Finish(node, OutcomeStatus.Skipped, $"skipped: requires '{blocker.From.Task.Name}' on {blocker.From.Host}, which failed or could not run", blocked: true);
        }

        if (!handlers.ShouldRun(node, out var fromEarlierRun))
        {
            return NodeResult.NotNotified;
        }

        var upstreamPending = standing.HasPendingChanges || node.Incoming.Any(e => e.From.Host != host && state.ResultOf(e.From).Result.Pending);
        state.Observer.TaskStarted(host, node.Task.Name);
        var clock = Stopwatch.StartNew();
        var throttle = state.ThrottleOf(node);
        if (throttle is not null)
        {
            await throttle.WaitAsync(ct);
        }

        try
        {
            var vars = state.Scope.For(node);
            if (TaskConditions.FirstFalse(node, vars, state.Templates) is { } condition)
            {
                return _outcomes.Finish(node, OutcomeStatus.Skipped, $"skipped: when '{condition}' is false", clock: clock);
            }

            // Check → plan → apply, per item.
            var runs = new List<ItemRun>();
            foreach (var item in LoopItems.Of(node.Task, vars, state.Templates))
            {
                runs.Add(await _items.RunAsync(index, item, ct));
            }

            // Outcome, and what it means for handlers.
            var result = _outcomes.Combine(node, runs, clock, fromEarlierRun);
            if (result.Status == OutcomeStatus.Changed)
            {
                handlers.Notify(node);
            }

            if (result.Status is OutcomeStatus.Ok or OutcomeStatus.Changed)
            {
                await handlers.HandlerRanAsync(node, ct);
            }

            return result;
        }
        catch (HostUnreachableException e)
        {
            return _outcomes.Finish(node, OutcomeStatus.Unreachable, e.Reason, blocked: true, clock: clock);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A block's `rescue`/`always` plug in here: a failure inside a block whose scope has a rescue is
            // recorded (so `ansible_failed_task` can be set) but does not block the host; the worker then runs the
            // rescue nodes, which the graph links to the block's tasks by an edge of their own kind.
            return _outcomes.Failure(node, e, upstreamPending, clock);
        }
        finally
        {
            throttle?.Release();
        }
    }
}
