using System.Diagnostics;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Playbooks;
using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>
/// A dynamic <c>include_tasks</c>/<c>include_role</c> reached by a host: per loop item, renders the name with the
/// host's variables as they are now (facts, registered results, the item), reads the tasks, validates them as
/// the loader validates every task before the run, and splices them into the host's agenda right after the
/// include (<see cref="HostAgenda.Splice"/>), where they run next. A load or validation error fails the include
/// on this host with the located diagnostics. Each item is reported as Ansible's "included" (counted ok).
/// </summary>
internal sealed class IncludeStep(RunState state, string host, HostAgenda agenda)
{
    public Task<NodeResult> RunAsync(int index, IReadOnlyDictionary<string, object?> vars, Stopwatch clock, CancellationToken ct)
    {
        var node = agenda[index];
        var include = node.Task.Include!;
        var spliced = new List<GraphNode>();
        var reports = new List<string>();
        var number = 0;
        foreach (var item in LoopItems.Of(node.Task, vars, state.Templates))
        {
            ct.ThrowIfCancellationRequested();
            var itemVars = item.HasItem ? state.Scope.For(node, item) : vars;
            var name = state.Templates.RenderValue(include.Name, itemVars)?.ToString() ?? string.Empty;

            var scope = RunLoader.IncludeScope(node, item);
            var diagnostics = new DiagnosticBag();
            var tasks = state.Run.Includes.ExpandInclude(node.Task, name, scope, $"{node.Task.Id}.{number++}", diagnostics);
            var nodes = tasks.Select(t => new GraphNode(host, node.Play, t) { Scope = t.Scope }).ToList();
            if (!diagnostics.HasErrors)
            {
                state.Run.Connections.Add(state.Run, nodes, node, state.Scope, state.Templates, diagnostics);
                state.Validator.Validate(state.Run, nodes, state.Scope, diagnostics, state.Run.Unreached, beforeRun: false);
            }

            if (diagnostics.HasErrors)
            {
                throw new TaskFailedException($"{include.Keyword} '{name}': {string.Join("; ", diagnostics.Items.Select(d => $"{d.Span}: {d.Message}"))}");
            }

             reports.Add(item.HasItem ? $"included: {name} for {host} (item={item.Label})" : $"included: {name} for {host}");
            spliced.AddRange(nodes);
        }

        agenda.Splice(index, spliced);

        // Ansible reports (and counts) an "included" result for include_tasks, none for include_role.
        foreach (var report in include.Keyword == "include_role" ? [] : reports)
        {
            state.Report(new TaskOutcome
            {
                Host = host,
                Task = node.Task.Name,
                Module = include.Keyword,
                Status = OutcomeStatus.Ok,
                Message = report,
                DurationMs = clock.ElapsedMilliseconds,
            });
        }

        if (reports.Count == 0)
        {
            state.Report(new TaskOutcome { Host = host, Task = node.Task.Name, Module = include.Keyword, Status = OutcomeStatus.Skipped, Message = "skipped: the loop is empty" });
        }

        return Task.FromResult(new NodeResult(reports.Count == 0 ? OutcomeStatus.Skipped : OutcomeStatus.Ok, Blocked: false, Pending: false));
    }
}
