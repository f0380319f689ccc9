using System.Diagnostics;
using System.Text.RegularExpressions;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Modules;
using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>One item: bind params, check, apply on drift (never in check mode), register, conditions, retries.</summary>
internal sealed partial class HostWorker
{
    private async Task<ItemRun> RunWithRetriesAsync(GraphNode node, (bool HasItem, object? Item) item, CancellationToken ct)
    {
        var task = node.Task;
        for (var attempt = 0; ; attempt++)
        {
            ItemRun run;
            try
            {
                run = await RunItemAsync(node, item, ct);
            }
            catch (TaskFailedException) when (task.Until is not null && attempt < Math.Max(task.Retries, 1))
            {
                // As in Ansible, a failed attempt of a task with `until` is retried, not final.
                await Task.Delay(TimeSpan.FromSeconds(task.Delay), ct);
                _facts.InvalidateAll();
                continue;
            }

            // A predicted run (check mode) has no result: `until` cannot hold or fail on it, so it is not retried.
            if (task.Until is null || run.Predicted || state.Templates.Evaluate(task.Until, VarsWith(state.Scope.For(node, item.Item, item.HasItem), task, run.Registered)))
            {
                return run;
            }

            if (attempt >= Math.Max(task.Retries, 1))
            {
                throw new TaskFailedException($"until '{task.Until}' did not hold after {attempt + 1} attempts");
            }

            // A retry waits for the host to change on its own (a service coming up): read it afresh.
            await Task.Delay(TimeSpan.FromSeconds(task.Delay), ct);
            _facts.InvalidateAll();
        }
    }

    private async Task<ItemRun> RunItemAsync(GraphNode node, (bool HasItem, object? Item) item, CancellationToken ct)
    {
        var task = node.Task;
        var module = state.Modules.Get(task.Module);
        var vars = state.Scope.For(node, item.Item, item.HasItem);
        var parameters = state.Binder.Bind(module, task.Params, task.File, task.ModuleSpan, vars);
        var become = Become(node);
        if (become is null)
        {
            await EnsureFactsAsync(module.FactsOf(parameters), ct);
        }

        var context = new ModuleContext
        {
            Host = host,
            Connection = become is null ? _connection : new BecomeConnection(_connection, become),
            Become = become,
            Facts = _facts,
            Variables = vars,
            PlaybookDirectory = state.Run.Playbook.Directory,
            Templates = state.Templates,
            Artifacts = state.Options.Artifacts,
        };

        Plan plan;
        ApplyResult? applied = null;
        var journaled = new List<string>();
        try
        {
            plan = await module.CheckAsync(context, parameters, ct);
            if (plan.IsDrift && !state.Options.Check)
            {
                // Persist the notifications before the change, so a run that dies right after it still fires them next time.
                foreach (var handler in GraphBuilder.NotifiedHandlers(node))
                {
                    if (_journal is not null)
                    {
                        var key = _journal.KeyOf(node.Play, handler);
                        await _journal.AddAsync(key, handler.Name, ct);
                        journaled.Add(key);
                    }
                }

                applied = await module.ApplyAsync(context, parameters, plan, ct);
            }
        }
        catch (TaskFailedException e) when (task.FailedWhen is not null || task.Register is not null)
        {
            var output = Registered(task, null, null, failed: true, e.Message, e.Output, e.ExitCode, e.StderrTail);
            Register(task, output);
            if (task.FailedWhen is not null && !state.Templates.Evaluate(task.FailedWhen, VarsWith(vars, task, output)))
            {
                return new ItemRun(item.HasItem, item.Item, Plan.InSync($"failure ignored: failed_when '{task.FailedWhen}' is false"), null, false, output);
            }

            throw;
        }

        var registered = Registered(task, plan, applied, failed: false, applied?.Message ?? plan.Reason, null, null, null);
        if (plan.IsDrift && state.Options.Check)
        {
            return Predicted(task, item, plan, vars, registered);
        }

        var changed = plan.IsDrift;
        if (task.ChangedWhen is not null)
        {
            changed = state.Templates.Evaluate(task.ChangedWhen, VarsWith(vars, task, registered));
            registered = new Dictionary<string, object?>(registered) { ["changed"] = changed };
        }

        if (!changed && journaled.Count > 0)
        {
            foreach (var key in journaled)
            {
                await _journal!.RemoveAsync(key, ct);
            }
        }

        if (task.FailedWhen is not null && state.Templates.Evaluate(task.FailedWhen, VarsWith(vars, task, registered)))
        {
            Register(task, new Dictionary<string, object?>(registered) { ["failed"] = true });
            throw new TaskFailedException($"failed_when '{task.FailedWhen}' is true");
        }

        Register(task, registered);
        return new ItemRun(item.HasItem, item.Item, plan, applied, changed, registered);
    }

    /// <summary>
    /// Check mode left the drift unapplied (e.g. a command that would run), so there is no output to test:
    /// `failed_when` and `until` are not evaluated, and `changed_when` only when it does not need the
    /// result. A task declared never to change (`changed_when: false`, e.g. a read-only command) is
    /// reported skipped, as Ansible skips commands in check mode; otherwise it is a predicted change.
    /// </summary>
    private ItemRun Predicted(Playbooks.TaskDefinition task, (bool HasItem, object? Item) item, Plan plan, IReadOnlyDictionary<string, object?> vars, Dictionary<string, object?> registered)
    {
        // A condition that reads the task's own result (e.g. `r.rc == 0`) is unknown before the change: it stays predicted.
        var readsResult = task.Register is { } name && Regex.IsMatch(task.ChangedWhen ?? "", $@"(?<![\w.]){Regex.Escape(name)}\b");
        var changed = task.ChangedWhen is null || readsResult || state.Templates.Evaluate(task.ChangedWhen, VarsWith(vars, task, registered));

        registered["changed"] = changed;
        registered["skipped"] = !changed;
        Register(task, registered);
        var what = string.Join("; ", plan.Changes.Select(c => c.After is null ? c.Path : $"`{c.After}`"));
        var shown = changed ? plan : Plan.InSync($"check mode: {what} not run (changed_when is false)");
        return new ItemRun(item.HasItem, item.Item, shown, null, changed, registered) { Predicted = true };
    }

    /// <summary>The item's variables with this task's own result under its <c>register</c> name, for its conditions.</summary>
    private static IReadOnlyDictionary<string, object?> VarsWith(IReadOnlyDictionary<string, object?> vars, Playbooks.TaskDefinition task, IReadOnlyDictionary<string, object?> registered)
    {
        if (task.Register is not { } name)
        {
            return vars;
        }

        return new Dictionary<string, object?>(vars, StringComparer.Ordinal) { [name] = registered };
    }

    private void Register(Playbooks.TaskDefinition task, IReadOnlyDictionary<string, object?> output)
    {
        if (task.Register is { } name)
        {
            state.Scope.Register(host, name, output);
        }
    }

    private static Dictionary<string, object?> Registered(Playbooks.TaskDefinition task, Plan? plan, ApplyResult? applied, bool failed, string message, IReadOnlyDictionary<string, object?>? extra, int? exitCode, string? stderr)
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["changed"] = plan?.IsDrift ?? false,
            ["failed"] = failed,
            ["skipped"] = false,
            ["msg"] = message,
        };
        if (exitCode is not null)
        {
            output["rc"] = (long)exitCode.Value;
            output["stderr"] = stderr ?? string.Empty;
        }

        foreach (var source in new[] { plan?.Output, applied?.Output, extra })
        {
            foreach (var (key, value) in source ?? new Dictionary<string, object?>())
            {
                output[key] = value;
            }
        }

        return output;
    }

    private NodeResult Combine(GraphNode node, List<ItemRun> runs, Stopwatch clock, bool fromEarlierRun)
    {
        var changed = runs.Any(r => r.Changed);
        var assumed = runs.Any(r => r.Plan.Assumed);
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
        state.Report(new TaskOutcome
        {
            Host = host,
            Task = node.Task.Name,
            Module = node.Task.Module,
            Status = status,
            Message = string.Join(changed || runs.Count > 1 ? "; " : " ", messages),
            Changes = changes,
            Diff = string.Join('\n', changes.Select(c => c.Diff).OfType<string>()),
            Assumed = assumed,
            IsHandler = node.Task.IsHandler,
            DurationMs = clock.ElapsedMilliseconds,
        });
        return new NodeResult(status, Blocked: false, Pending: changed);
    }
}
