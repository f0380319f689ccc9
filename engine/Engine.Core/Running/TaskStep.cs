using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>
/// One task's life on one host, top to bottom: the policies that decide whether it runs (the host stopped,
/// the blocks around it, the play ended, a required node failed elsewhere, a handler not notified, a
/// <c>run_once</c> already run, throttle, <c>when</c>), then a control task (<see cref="ControlStep"/>) or its
/// items (check → plan → apply, in <see cref="ItemStep"/>), and its outcome (<see cref="TaskOutcomes"/>), a
/// failure going to the blocks around it for a rescue.
/// </summary>
internal sealed class TaskStep(RunState state, string host, HostSession session, HandlerNotifications handlers, HostAgenda agenda, HostStanding standing)
{
    private readonly ItemStep _items = new(state, session, handlers, agenda);
    private readonly TaskOutcomes _outcomes = new(state, host);
    private readonly BlockStates _blocks = new();
    private readonly ControlStep _control = new(state, host, session, agenda, standing);

    public async Task<NodeResult> RunAsync(int index, CancellationToken ct)
    {
        var node = agenda[index];

        // Policies: whether the task runs at all. After a failure no block caught, only the always sections around it run.
        if (standing.Stopped && (standing.Unreachable || !_blocks.Uncaught || !_blocks.Runs(node)))
        {
            return NodeResult.NotRun;
        }

        if (!_blocks.Runs(node) || state.PlayEnded(node.Play.Index) is not null || standing.EndedPlay == node.Play.Index)
        {
            return NodeResult.Bypassed;
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

        if (node.Task.IsHandler)
        {
            handlers.Reached(node);
        }

        if (node.Task.RunOnce && state.RunOnce.TryGetValue(node.Task.Id, out var ran))
        {
            // Another host ran it: its result holds here too (a failure stops this host as well), reported once, there.
            if (node.Task.Register is { } name)
            {
                state.Scope.Register(host, name, ran.Registered);
            }

            return ran.Result with { Pending = false };
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
            var items = node.Task.Loop is null || node.Task.IsControl ? null : ItemsOrNull(node, vars);
            if (items is null && TaskConditions.FirstFalse(node, vars, state.Templates) is { } condition)
            {
                // A meta task that does not run is not counted, as in Ansible's recap.
                return node.Task.Meta is not null ? NodeResult.Bypassed : RunOnce(node, _outcomes.Finish(node, OutcomeStatus.Skipped, $"skipped: when '{condition}' is false", clock: clock));
            }

            if (items is null)
            {
                state.Run.Unreached.ThrowIfReached(node);
            }

            // As in Ansible, the keywords are templated after `when` holds, with the host's variables.
            state.ResolveKeywords(node, vars);
            if (node.Task.IsControl)
            {
                return await _control.RunAsync(index, vars, clock, ct);
            }

            // Check → plan → apply, per item; a loop's `when` is tested per item, as Ansible does; loop_control's
            // pause between items, as Ansible sleeps before each but the first.
            // An item that fails does not stop the others: the task fails after them, as Ansible's does.
            var runs = new List<ItemRun>();
            ExceptionDispatchInfo? failure = null;
            foreach (var item in items ?? [LoopItem.None])
            {
                if (runs.Count > 0 && node.Task.LoopControl.Pause > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(node.Task.LoopControl.Pause), ct);
                }

                try
                {
                    runs.Add(items is not null && TaskConditions.FirstFalse(node, state.Scope.For(node, item), state.Templates) is { } itemCondition
                        ? ItemRun.Skipped(item, itemCondition)
                        : await _items.RunWithinLimitAsync(index, item, ct));
                }
                catch (TaskFailedException e) when (items is not null)
                {
                    failure ??= ExceptionDispatchInfo.Capture(e);
                    runs.Add(ItemRun.Failed(item, e));
                }
            }

            if (failure is not null)
            {
                _outcomes.RegisterLoop(node, runs);
                failure.Throw();
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

            return RunOnce(node, result);
        }
        catch (HostUnreachableException e)
        {
            return _outcomes.Finish(node, OutcomeStatus.Unreachable, e.Reason, blocked: true, clock: clock);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var result = _outcomes.Failure(node, e, upstreamPending, clock, () => Rescue(node, e));
            if (result.Blocked && node.Task.AnyErrorsFatal)
            {
                state.EndPlay(node.Play.Index, $"any_errors_fatal: '{node.Task.Name}' failed on {host}");
            }

            if (result.Blocked)
            {
                state.HostFailed(node, host);
            }

            return RunOnce(node, result);
        }
        finally
        {
            throttle?.Release();
        }
    }

    /// <summary>
    /// A loop's items, or null when they cannot be made while the task's <c>when</c> is false without them (Ansible
    /// tests the condition before it reports a loop that fails: <c>loop: "{{ x }}"</c> with <c>when: x is defined</c>).
    /// </summary>
    private List<LoopItem>? ItemsOrNull(GraphNode node, IReadOnlyDictionary<string, object?> vars)
    {
        try
        {
            return LoopItems.Of(node.Task, vars, state.Templates);
        }
        catch (Exception) when (WhenIsFalse(node, vars))
        {
            return null;
        }
    }

    private bool WhenIsFalse(GraphNode node, IReadOnlyDictionary<string, object?> vars)
    {
        try
        {
            return TaskConditions.FirstFalse(node, vars, state.Templates) is not null;
        }
        catch (ConvergeException)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks the blocks around the failed node to catch the failure; when one does, its rescue sees the failed task
    /// and its result as <c>ansible_failed_task</c> and <c>ansible_failed_result</c> (hidden for a <c>no_log</c> task).
    /// </summary>
    private bool Rescue(GraphNode node, Exception error)
    {
        if (!_blocks.Catch(node))
        {
            return false;
        }

        state.Scope.Register(host, "ansible_failed_task", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = node.Task.Name,
            ["action"] = node.Task.Module,
            ["register"] = node.Task.Register,
            ["tags"] = node.Task.Tags.ToList<object?>(),
        });
        state.Scope.Register(host, "ansible_failed_result", state.KeywordsOf(node).NoLog
            ? new Dictionary<string, object?>(StringComparer.Ordinal) { ["censored"] = TaskOutcomes.Censored, ["failed"] = true }
            : TaskOutcomes.FailedResult(error));
        return true;
    }

    /// <summary>A <c>run_once</c> task's result, kept for the other hosts of the play with what it registered.</summary>
    private NodeResult RunOnce(GraphNode node, NodeResult result)
    {
        if (node.Task.RunOnce)
        {
            var registered = node.Task.Register is { } name ? state.Scope.RegisteredOf(host, name) : null;
            state.RunOnce.TryAdd(node.Task.Id, (host, result, registered));
        }

        return result;
    }
}
