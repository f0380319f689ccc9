using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Graph;

namespace Converge.Core.Running;

/// <summary>
/// One host's connection set-up for the run: its one connection, opened once; the view every task uses
/// (the mode's guard, then fact invalidation); the host's fact cache, read in batches ahead of the tasks;
/// its handler journal; and the answer to "what is this node's become".
/// </summary>
internal sealed class HostSession : IAsyncDisposable
{
    private readonly IConnection _raw;
    private readonly FactPlanner _planner;
    private readonly (bool Enabled, Become Settings) _hostBecome;

    private HostSession(RunState state, string host, IConnection raw, HostAgenda agenda)
    {
        _raw = raw;
        var reads = state.Strategy.Guard(raw);
        Facts = new FactCache(reads);
        Connection = new FactInvalidatingConnection(reads, Facts);
        _planner = new FactPlanner(state);
        _hostBecome = state.Options.HostBecome(host, state.Run.HostVariables[host]);
        if (agenda.Nodes.Any(n => n.Task.IsHandler))
        {
            var become = BecomeOf(agenda[0]);
            Journal = new HandlerJournal(become is null ? Connection : new BecomeConnection(Connection, become), become, StateDirectory(state, host), Path.GetFileName(state.Run.Playbook.Path));
        }
    }

    /// <summary>The connection tasks use: the mode's guard, and every change drops <see cref="Facts"/>.</summary>
    public IConnection Connection { get; }

    public FactCache Facts { get; }

    /// <summary>The pending-handler journal on the host; null when the host runs no handler.</summary>
    public HandlerJournal? Journal { get; }

    /// <summary>
    /// Connects and reads, in one round trip, the handler journal and the facts of the first tasks (a no-op
    /// rerun of a one-play playbook needs no other). Throws <see cref="HostUnreachableException"/>, having
    /// closed what it opened.
    /// </summary>
    public static async Task<HostSession> OpenAsync(RunState state, string host, HostAgenda agenda, CancellationToken ct)
    {
        var raw = state.Options.Connect(host, state.Run.HostVariables[host]);
        try
        {
            await raw.OpenAsync(ct);
            var session = new HostSession(state, host, raw, agenda);
            // The first task's wait for another host would drop the facts read now.
            var waits = agenda.Count == 0 || FactPlanner.WaitsForOtherHosts(agenda[0]);
            IReadOnlyList<IFact> first = [.. new IFact?[] { session.Journal?.Pending, agenda.Count == 0 ? null : state.Gathering.FactOf(agenda[0].Play) }.OfType<IFact>()];
            await session.PrefetchAsync(agenda, waits ? null : 0, first, ct);
            return session;
        }
        catch
        {
            await raw.DisposeAsync();
            throw;
        }
    }

    /// <summary>The become of a node: task keyword, else the innermost block's, else the play's, else the host's <c>ansible_become</c>.</summary>
    public Become? BecomeOf(GraphNode node)
    {
        var blocks = node.Scope.OutermostFirst().Reverse().ToList();
        var (byDefault, settings) = _hostBecome;
        var enabled = node.Task.Become ?? blocks.Select(b => b.Become).FirstOrDefault(b => b is not null) ?? node.Play.Become ?? byDefault;
        if (!enabled)
        {
            return null;
        }

        var user = node.Task.BecomeUser ?? blocks.Select(b => b.BecomeUser).FirstOrDefault(u => u is not null) ?? node.Play.BecomeUser;
        return settings with { User = user ?? settings.User };
    }

    /// <summary>Before a check: when its declared facts are not all cached (first task, or a change dropped them), batch them with the next tasks' facts.</summary>
    public async Task EnsureFactsAsync(HostAgenda agenda, int current, IReadOnlyList<IFact> declared, CancellationToken ct)
    {
        if (declared.Count > 0 && !declared.All(Facts.Has))
        {
            await PrefetchAsync(agenda, current, declared, ct);
        }
    }

    public ValueTask DisposeAsync() => _raw.DisposeAsync();

    private static string StateDirectory(RunState state, string host) =>
        state.Run.ExtraVariables.GetValueOrDefault("converge_state_dir") as string
        ?? state.Run.HostVariables[host].GetValueOrDefault("converge_state_dir") as string
        ?? HandlerJournal.DefaultStateDirectory;

    /// <summary>
    /// Reads in one batch the given facts and those the tasks from <paramref name="start"/> on declare
    /// (<see cref="FactPlanner"/>). Only an optimization: when the batch fails short of losing the host,
    /// every task reads its own facts and reports its own failure.
    /// </summary>
    private async Task PrefetchAsync(HostAgenda agenda, int? start, IReadOnlyList<IFact> extra, CancellationToken ct)
    {
        var facts = new List<IFact>(extra);
        if (start is { } first && first < agenda.Count)
        {
            facts.AddRange(_planner.Plan(agenda.Nodes, first, n => BecomeOf(n) is null));
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
