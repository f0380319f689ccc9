using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Graph;

namespace Converge.Core.Running;

/// <summary>
/// One host's connection set-up for the run: its connection, opened once (another one only for a play or task
/// whose connection variables say to reach the host differently); the host's facts, read in batches ahead of
/// the tasks; and its handler journal.
/// </summary>
internal sealed class HostSession : IAsyncDisposable
{
    private readonly RunState _state;
    private readonly List<HostTransport> _others = [];

    /// <summary>Connections replaced by <c>meta: reset_connection</c>, kept open until the session ends (see <see cref="ResetConnectionAsync"/>).</summary>
    private readonly List<HostTransport> _retired = [];
    private HostTransport _primary;
    private readonly FactPlanner _planner;

    private HostSession(RunState state, string host, HostTransport primary, HostAgenda agenda)
    {
        _state = state;
        _primary = primary;
        _planner = new FactPlanner(state);
        if (agenda.Nodes.Any(n => n.Task.IsHandler))
        {
            var become = state.Run.Connections.BecomeOf(agenda[0]);
            var connection = become is null ? primary.Connection : new BecomeConnection(primary.Connection, become);
            Journal = new HandlerJournal(connection, become, StateDirectory(state, host), Path.GetFileName(state.Run.Playbook.Path));
        }
    }

    /// <summary>The host's run lock, taken in the first batch (<see cref="HostLock"/>).</summary>
    public HostLockFact? Lock { get; private set; }

    /// <summary>Whether this session's first batch took the run lock (read by <see cref="HostLock"/>).</summary>
    public bool HoldsLock { get; private set; }

    /// <summary>The pending-handler journal on the host; null when the host runs no handler.</summary>
    public HandlerJournal? Journal { get; }

    /// <summary>The facts of the host's main connection (the journal's and the batches').</summary>
    public FactCache Facts => _primary.Facts;

    /// <summary>
    /// Connects with the first node's settings and reads, in one round trip, the handler journal and the facts of
    /// the first tasks (a no-op rerun of a one-play playbook needs no other). Throws <see cref="HostUnreachableException"/>.
    /// </summary>
    public static async Task<HostSession> OpenAsync(RunState state, string host, HostAgenda agenda, CancellationToken ct)
    {
        // The host's own connection: that of its first task that is not delegated elsewhere.
        var own = agenda.Nodes.FirstOrDefault(n => n.Task.DelegateTo is null) ?? agenda[0];
        var primary = await HostTransport.OpenAsync(state, state.Run.Connections.For(own), ct);
        var session = new HostSession(state, host, primary, agenda);

        // The first task's wait for another host would drop the facts read now.
        var start = FactPlanner.WaitsForOtherHosts(agenda[0]) ? (int?)null : 0;
        session.Lock = state.Strategy.Lock(StateDirectory(state, host), state.Options.RunId, state.Run.Connections.BecomeOf(agenda[0]));
        IReadOnlyList<IFact> first = [.. new IFact?[] { session.Lock, session.Journal?.Pending, state.Gathering.FactOf(agenda[0].Play) }.OfType<IFact>()];
        await session.PrefetchAsync(agenda, start, first, ct);
        return session;
    }

    /// <summary>The connection a node runs on: the main one, or the one its own connection variables call for (opened on first use).</summary>
    public Task<HostTransport> TransportOfAsync(GraphNode node, CancellationToken ct) => TransportOfAsync(_state.Run.Connections.For(node), ct);

    /// <summary>The connection for these settings: the main one when they reach the host the same way, else one opened on first use.</summary>
    public async Task<HostTransport> TransportOfAsync(HostConnectionSettings settings, CancellationToken ct)
    {
        if (settings.SameTransportAs(_primary.Settings))
        {
            return _primary;
        }

        var open = _others.FirstOrDefault(t => t.Settings.SameTransportAs(settings));
        if (open is null)
        {
            open = await HostTransport.OpenAsync(_state, settings, ct);
            _others.Add(open);
        }

        return open;
    }

    /// <summary>Before a check on the main connection: when its declared facts are not all cached (first task, or a change dropped them), batch them with the next tasks' facts.</summary>
    public async Task EnsureFactsAsync(HostAgenda agenda, int current, HostTransport transport, IReadOnlyList<IFact> declared, CancellationToken ct)
    {
        if (transport == _primary && declared.Count > 0 && !declared.All(Facts.Has))
        {
            await PrefetchAsync(agenda, current, declared, ct);
        }
    }

    /// <summary>The host may have changed behind our back (another host's task, a retry's wait): forget every fact.</summary>
    public void InvalidateFacts()
    {
        _primary.Facts.InvalidateAll();
        _others.ForEach(t => t.Facts.InvalidateAll());
    }

    /// <summary>Records that the lock is held; a local host's lock is counted, to be released when the run's last local session ends.</summary>
    public void MarkLockHeld()
    {
        HoldsLock = true;
        if (_primary.Settings.IsLocal)
        {
            _state.LocalLocks.Enter();
        }
    }

    /// <summary>
    /// <c>meta: reset_connection</c>: the host's next tasks run on a new login (which sees, say, a group the login user
    /// was just added to), opened now with the same settings; its facts are read afresh. The replaced connection stays
    /// open, idle, until the session ends: the run lock's record names the sshd serving it (closing it would release
    /// the lock mid-run), and the handler journal writes through it.
    /// </summary>
    public async Task ResetConnectionAsync(CancellationToken ct)
    {
        var fresh = await HostTransport.OpenAsync(_state, _primary.Settings, ct);
        _retired.Add(_primary);
        _retired.AddRange(_others);
        _others.Clear();
        _primary = fresh;
    }

    public async ValueTask DisposeAsync()
    {
        // Over SSH the lock's record names the sshd serving this connection, so closing it releases the lock. A local
        // record names the controller, which outlives the run (tests, a long-lived process), so the run's last local
        // session removes it. Best effort: a record left behind is stale once the controller ends.
        if (HoldsLock && _primary.Settings.IsLocal && _state.LocalLocks.Leave() && Lock is { } held)
        {
            try
            {
                await _primary.Connection.RunAsync(held.Release, CancellationToken.None);
            }
            catch (ConvergeException)
            {
            }
        }

        foreach (var transport in _others.Prepend(_primary).Concat(_retired))
        {
            await transport.DisposeAsync();
        }
    }

    private static string StateDirectory(RunState state, string host) =>
        state.Run.ExtraVariables.GetValueOrDefault("converge_state_dir") as string
        ?? state.Run.HostVariables[host].GetValueOrDefault("converge_state_dir") as string
        ?? HandlerJournal.DefaultStateDirectory;

    /// <summary>
    /// Reads in one batch the given facts and those the tasks from <paramref name="start"/> on declare
    /// (<see cref="FactPlanner"/>): tasks on the main connection without become. Only an optimization: when
    /// the batch fails short of losing the host, every task reads its own facts and reports its own failure.
    /// </summary>
    private async Task PrefetchAsync(HostAgenda agenda, int? start, IReadOnlyList<IFact> extra, CancellationToken ct)
    {
        // The journal's folder again (built-ins only, in a batch that runs anyway): its probe shows the folder
        // canonical, so the journal's next writes drop only that fact instead of every fact (FactCache.Invalidate).
        var facts = new List<IFact>(extra);
        if (Journal is { } journal)
        {
            facts.Add(journal.Pending);
        }

        if (start is { } first && first < agenda.Count)
        {
            var connections = _state.Run.Connections;
            facts.AddRange(_planner.Plan(agenda.Nodes, first, n => connections.BecomeOf(n) is null && connections.For(n).SameTransportAs(_primary.Settings)));
        }

        if (facts.Count == 0)
        {
            return;
        }

        try
        {
            await Facts.PrefetchAsync(facts, ct);
        }
        catch (TaskFailedException)
        {
            // e.g. the batch's become was refused: the task that needs the fact gets the message itself.
        }
    }
}
