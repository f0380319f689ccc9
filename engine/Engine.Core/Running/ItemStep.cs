using System.Text.RegularExpressions;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Modules;
using Converge.Core.Playbooks;

namespace Converge.Core.Running;

/// <summary>
/// One loop item of a task (or the task's single run): bind → check → plan → apply (as the run's
/// <see cref="ExecutionStrategy"/> decides) → changed_when/failed_when → register; retried while <c>until</c> fails.
/// </summary>
internal sealed class ItemStep(RunState state, HostSession session, HandlerNotifications handlers, HostAgenda agenda)
{
    private readonly HomePaths _homes = new();

    /// <summary>
    /// The item, unless its task's diagnostics were held back before the run (<see cref="UnreachedTasks"/>); with
    /// <c>async</c>, within its limit: the task runs in place, as Ansible's polling does, and fails when it outlasts it.
    /// </summary>
    public async Task<ItemRun> RunWithinLimitAsync(int index, LoopItem item, CancellationToken ct)
    {
        var node = agenda[index];
        state.Run.Unreached.ThrowIfReached(node);
        if (node.Task.Async is not { } limit)
        {
            return await RunAsync(index, item, ct);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(limit));
        try
        {
            return await RunAsync(index, item, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TaskFailedException($"async task did not complete within the requested time - {limit}s");
        }
    }

    public async Task<ItemRun> RunAsync(int index, LoopItem item, CancellationToken ct)
    {
        var node = agenda[index];
        var task = node.Task;
        var keywords = state.KeywordsOf(node);
        for (var attempt = 0; ; attempt++)
        {
            ItemRun run;
            try
            {
                run = await RunOnceAsync(index, item, ct);
            }
            catch (TaskFailedException) when (task.Until is not null && attempt < Math.Max(keywords.Retries, 1))
            {
                // As in Ansible, a failed attempt of a task with `until` is retried, not final.
                await Task.Delay(TimeSpan.FromSeconds(keywords.Delay), ct);
                session.InvalidateFacts();
                continue;
            }

            // A predicted run (check mode) has no result: `until` cannot hold or fail on it, so it is not retried.
            if (task.Until is null || run.Predicted || state.Templates.Evaluate(task.Until, RegisteredResult.VarsWith(state.Scope.For(node, item), task, run.Registered)))
            {
                return run;
            }

            if (attempt >= Math.Max(keywords.Retries, 1))
            {
                throw new TaskFailedException($"until '{task.Until}' did not hold after {attempt + 1} attempts");
            }

            // A retry waits for the host to change on its own (a service coming up): read it afresh.
            await Task.Delay(TimeSpan.FromSeconds(keywords.Delay), ct);
            session.InvalidateFacts();
        }
    }

    private async Task<ItemRun> RunOnceAsync(int index, LoopItem item, CancellationToken ct)
    {
        var node = agenda[index];
        var task = node.Task;
        var module = state.Modules.Get(task.Module);
        var vars = state.Scope.For(node, item);
        var parameters = state.Binder.Bind(module, task.Params, task.File, task.ModuleSpan, vars);
        var transport = await session.TransportOfAsync(state.Run.Connections.ForItem(state.Run, node, vars, state.Templates), ct);
        var become = state.Run.Connections.BecomeOf(node);

        // The task's own check_mode picks its strategy, and with it the transport's guard.
        var strategy = state.StrategyOf(node);
        var connection = transport.ConnectionFor(strategy);
        parameters = await _homes.ExpandAsync(parameters, become is null ? connection : new BecomeConnection(connection, become), become?.User, ct);
        if (become is null)
        {
            await session.EnsureFactsAsync(agenda, index, transport, module.FactsOf(parameters), ct);
        }

        var context = new ModuleContext
        {
            Host = node.Host,
            Connection = become is null ? connection : new BecomeConnection(connection, become),
            Become = become,
            Facts = transport.Facts,
            Variables = vars,
            PlaybookDirectory = state.Run.Playbook.Directory,
            Role = task.Scope.InnermostRole(),
            Templates = state.Templates,
            Artifacts = state.Options.Artifacts,
        };

        Plan plan;
        Plan? attempted = null;
        ApplyResult? applied = null;
        IReadOnlyList<string> journaled = [];
        try
        {
            plan = await module.CheckAsync(context, parameters, ct);
            if (plan.IsDrift)
            {
                attempted = plan;
                applied = await strategy.OnDriftAsync(
                    async c =>
                    {
                        journaled = await handlers.RecordBeforeChangeAsync(node, c);
                        return await module.ApplyAsync(context, parameters, plan, c);
                    },
                    ct);
            }
        }
        catch (TaskFailedException e) when (task.FailedWhen is not null || task.Register is not null)
        {
            var output = RegisteredResult.Of(null, null, failed: true, e.Message, e.Output, e.ExitCode, e.StderrTail);
            Register(node, output);
            if (task.FailedWhen is not null && !state.Templates.Evaluate(task.FailedWhen, RegisteredResult.VarsWith(vars, task, output)))
            {
                return await IgnoredFailureAsync(node, item, attempted, journaled, vars, output, ct);
            }

            throw;
        }

        var registered = RegisteredResult.Of(plan, applied, failed: false, applied?.Message ?? plan.Reason, null, null, null);
        if (plan.IsDrift && applied is null)
        {
            return Predicted(node, item, plan, vars, registered);
        }

        var changed = plan.IsChange;
        if (task.ChangedWhen is not null)
        {
            changed = state.Templates.Evaluate(task.ChangedWhen, RegisteredResult.VarsWith(vars, task, registered));
            registered = new Dictionary<string, object?>(registered) { ["changed"] = changed };
        }

        if (!changed)
        {
            await handlers.ForgetAsync(journaled, ct);
        }

        if (task.FailedWhen is not null && state.Templates.Evaluate(task.FailedWhen, RegisteredResult.VarsWith(vars, task, registered)))
        {
            Register(node, new Dictionary<string, object?>(registered) { ["failed"] = true });
            throw new TaskFailedException($"failed_when '{task.FailedWhen}' is true");
        }

        Register(node, registered);
        return new ItemRun(item, plan, applied, changed, registered);
    }

    /// <summary>
    /// A failure that <c>failed_when</c> declares not one: as in Ansible, it decides failure only, so a change the
    /// module attempted (a command that ran and exited non-zero) is still reported changed, subject to
    /// <c>changed_when</c>, and notifies its handlers in this run; otherwise the task is ok and its journaled
    /// notifications are dropped.
    /// </summary>
    private async Task<ItemRun> IgnoredFailureAsync(
        GraphNode node, LoopItem item, Plan? attempted, IReadOnlyList<string> journaled, IReadOnlyDictionary<string, object?> vars, Dictionary<string, object?> output, CancellationToken ct)
    {
        var task = node.Task;
        var changed = attempted?.IsChange ?? false;
        var registered = new Dictionary<string, object?>(output) { ["failed"] = false, ["failed_when_result"] = false, ["changed"] = changed };
        if (task.ChangedWhen is not null)
        {
            changed = state.Templates.Evaluate(task.ChangedWhen, RegisteredResult.VarsWith(vars, task, registered));
            registered["changed"] = changed;
        }

        if (!changed)
        {
            await handlers.ForgetAsync(journaled, ct);
        }

        Register(node, registered);
        var reason = $"failure ignored: failed_when '{task.FailedWhen}' is false";
        return new ItemRun(item, changed ? attempted! : Plan.InSync(reason), null, changed, registered);
    }

    /// <summary>
    /// The strategy left the drift unapplied (check mode, e.g. a command that would run), so there is no output
    /// to test: `failed_when` and `until` are not evaluated, and `changed_when` only when it does not need the
    /// result. A task declared never to change (`changed_when: false`, e.g. a read-only command, or a module whose
    /// plan does not report change, e.g. uri) is reported skipped, as Ansible skips commands in check mode;
    /// otherwise it is a predicted change.
    /// </summary>
    private ItemRun Predicted(GraphNode node, LoopItem item, Plan plan, IReadOnlyDictionary<string, object?> vars, Dictionary<string, object?> registered)
    {
        var task = node.Task;

        // A condition that reads the task's own result (e.g. `r.rc == 0`) is unknown before the change: it stays predicted.
        var readsResult = task.Register is { } name && Regex.IsMatch(task.ChangedWhen ?? "", $@"(?<![\w.]){Regex.Escape(name)}\b");
        var changed = task.ChangedWhen is null ? plan.ReportsChange : readsResult || state.Templates.Evaluate(task.ChangedWhen, RegisteredResult.VarsWith(vars, task, registered));

        registered["changed"] = changed;
        registered["skipped"] = !changed;
        Register(node, registered);
        var what = string.Join("; ", plan.Changes.Select(c => c.After is null ? c.Path : $"`{c.After}`"));
        var why = task.ChangedWhen is null ? "it reports no change" : "changed_when is false";
        var shown = changed ? plan : Plan.InSync($"check mode: {what} not run ({why})");
        return new ItemRun(item, shown, null, changed, registered) { Predicted = true };
    }

    private void Register(GraphNode node, IReadOnlyDictionary<string, object?> output)
    {
        // set_fact's and include_vars' variables sit at Ansible's set_fact/register precedence; with cacheable they are facts too.
        if (output.GetValueOrDefault(HostVariables.MarkerKey) is true && output.GetValueOrDefault(HostVariables.ValuesKey) is IReadOnlyDictionary<string, object?> set)
        {
            foreach (var (variable, value) in set)
            {
                state.Scope.Register(node.Host, variable, value);
            }

            if (output.GetValueOrDefault(HostVariables.CacheableKey) is true)
            {
                state.Scope.SetFacts(node.Host, set);
            }
        }

        // A module that returns ansible_facts (setup) sets the host's facts, registered or not, as in Ansible.
        else if (output.GetValueOrDefault("ansible_facts") is IReadOnlyDictionary<string, object?> facts && output.GetValueOrDefault("failed") is not true)
        {
            state.Scope.SetFacts(node.Host, facts);
        }

        if (node.Task.Register is { } name)
        {
            state.Scope.Register(node.Host, name, output);
        }
    }
}
