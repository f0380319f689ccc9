using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Graph;
using Converge.Core.Playbooks;
using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>
/// Runs one host's nodes in order over the host's single connection. A node starts when its edges are
/// done; while it waits for another host, it gives its fork slot back so that host can run.
/// A failure stops only this host; nodes on other hosts that require it are skipped and say why.
/// </summary>
internal sealed partial class HostWorker(RunState state, string host)
{
    private readonly HashSet<TaskDefinition> _notified = [];
    private HashSet<string> _pendingHandlers = [];
    private HandlerJournal? _journal;
    private IReadOnlyList<GraphNode> _nodes = [];
    private int _current;
    private IConnection _connection = null!;
    private FactCache _facts = null!;
    private FactPlanner _planner = null!;
    private string? _stoppedBy;
    private bool _hasPendingChanges;
    private bool _unreachable;
    private (bool Enabled, Become Settings)? _hostBecome;

    public async Task<HostSummary> RunAsync(CancellationToken ct)
    {
        var nodes = state.Run.Graph.NodesOf(host);
        await state.Forks.WaitAsync(ct);
        var holdsFork = true;
        IConnection? raw = null;
        try
        {
            if (state.Options.Stop.IsCancellationRequested)
            {
                // Interrupted before this host started: it is not contacted at all.
                _stoppedBy = "interrupted";
            }
            else
            {
                raw = await OpenAsync(nodes, ct);
            }

            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                var external = node.Incoming.Where(e => e.From.Host != host || e.Kind == EdgeKind.Serial).Select(e => state.ResultOf(e.From)).Where(t => !t.IsCompleted).ToList();
                if (external.Count > 0)
                {
                    state.Forks.Release();
                    holdsFork = false;
                    await Task.WhenAll(external).WaitAsync(ct);
                    await state.Forks.WaitAsync(ct);
                    holdsFork = true;
                }

                if (_stoppedBy is null && FactPlanner.WaitsForOtherHosts(node))
                {
                    // Another host's task may have changed this one (they can share files, as local hosts do).
                    _facts.InvalidateAll();
                }

                _current = i;
                state.Complete(node, await ExecuteAsync(node, ct));
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                state.Complete(node, new NodeResult(OutcomeStatus.Skipped, Blocked: true, Pending: false));
            }

            if (raw is not null)
            {
                await raw.DisposeAsync();
            }

            if (holdsFork)
            {
                state.Forks.Release();
            }
        }

        var summary = Summarize();
        state.Observer.HostFinished(summary);
        return summary;
    }

    private async Task<IConnection?> OpenAsync(IReadOnlyList<GraphNode> nodes, CancellationToken ct)
    {
        var variables = state.Run.HostVariables[host];
        IConnection? raw = null;
        try
        {
            _nodes = nodes;
            raw = state.Options.Connect(host, variables);
            await raw.OpenAsync(ct);
            var reads = state.Options.Check ? new CheckModeConnection(raw) : raw;
            _facts = new FactCache(reads);
            _connection = new FactInvalidatingConnection(reads, _facts);
            _planner = new FactPlanner(state);
            var stateDirectory = state.Run.ExtraVariables.GetValueOrDefault("converge_state_dir") as string
                ?? variables.GetValueOrDefault("converge_state_dir") as string
                ?? HandlerJournal.DefaultStateDirectory;
            var stateBecome = nodes.Count == 0 ? null : Become(nodes[0]);
            if (nodes.Any(n => n.Task.IsHandler))
            {
                _journal = new HandlerJournal(stateBecome is null ? _connection : new BecomeConnection(_connection, stateBecome), stateBecome, stateDirectory, Path.GetFileName(state.Run.Playbook.Path));
            }

            // One round trip for the run lock, the handler journal and the facts of the first tasks (a no-op rerun
            // of a one-play playbook needs no other); the first task's wait for another host would drop them.
            var hostLock = new HostLockFact(stateDirectory, state.Options.RunId, state.Options.Check, stateBecome);
            var waits = nodes.Count == 0 || FactPlanner.WaitsForOtherHosts(nodes[0]);
            await PrefetchAsync(waits ? null : 0, _journal is null ? [hostLock] : [hostLock, _journal.Pending], ct);
            if (!await TakeLockAsync(hostLock, nodes, ct))
            {
                return raw;
            }

            if (_journal is not null)
            {
                _pendingHandlers = await _journal.ReadAsync(_facts, ct);
            }

            return raw;
        }
        catch (HostUnreachableException e)
        {
            _unreachable = true;
            _stoppedBy = "unreachable";
            state.Report(new TaskOutcome
            {
                Host = host,
                Task = nodes.Count > 0 ? nodes[0].Task.Name : "connect",
                Module = "connection",
                Status = OutcomeStatus.Unreachable,
                Message = e.Reason,
            });
            if (raw is not null)
            {
                await raw.DisposeAsync();
            }

            return null;
        }
    }

    /// <summary>
    /// Reads in one batch the given facts and those the tasks from <paramref name="start"/> on declare
    /// (<see cref="FactPlanner"/>). Only an optimization: when the batch fails short of losing the host,
    /// every task reads its own facts and reports its own failure.
    /// </summary>
    private async Task PrefetchAsync(int? start, IReadOnlyList<IFact> extra, CancellationToken ct)
    {
        var facts = new List<IFact>(extra);
        if (start is { } first && first < _nodes.Count)
        {
            facts.AddRange(_planner.Plan(_nodes, first, n => Become(n) is null));
        }

        if (facts.Count == 0)
        {
            return;
        }

        try
        {
            await _facts.PrefetchAsync(facts, ct);
        }
        catch (TaskFailedException)
        {
            // e.g. the batch's become was refused: the task that needs the fact gets the message itself.
        }
    }

    /// <summary>Before a check: when its declared facts are not all cached (first task, or a change dropped them), batch them with the next tasks' facts.</summary>
    private async Task EnsureFactsAsync(IReadOnlyList<IFact> declared, CancellationToken ct)
    {
        if (declared.Count > 0 && !declared.All(_facts.Has))
        {
            await PrefetchAsync(_current, declared, ct);
        }
    }

    private HostSummary Summarize()
    {
        var mine = state.Outcomes.Where(o => o.Host == host).ToList();
        return new HostSummary(
            host,
            Ok: mine.Count(o => o.Status == OutcomeStatus.Ok || (o.Status == OutcomeStatus.Failed && o.Ignored)),
            Changed: mine.Count(o => o.Status == OutcomeStatus.Changed),
            Failed: mine.Count(o => o.Status == OutcomeStatus.Failed && !o.Ignored),
            Skipped: mine.Count(o => o.Status == OutcomeStatus.Skipped),
            Unreachable: _unreachable);
    }

    /// <summary>The become of a task: task keyword, else play keyword, else the host's <c>ansible_become</c>.</summary>
    private Become? Become(GraphNode node)
    {
        var (byDefault, settings) = _hostBecome ??= state.Options.HostBecome(host, state.Run.HostVariables[host]);
        if (!(node.Task.Become ?? node.Play.Become ?? byDefault))
        {
            return null;
        }

        return settings with { User = node.Task.BecomeUser ?? node.Play.BecomeUser ?? settings.User };
    }
}
