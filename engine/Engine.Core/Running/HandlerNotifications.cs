using Converge.Core.Graph;
using Converge.Core.Playbooks;

namespace Converge.Core.Running;

/// <summary>
/// One host's handlers: which are notified in this run, which were left pending by an earlier run (read from
/// the host's <see cref="HandlerJournal"/>), and the journal writes around a notifying change: recorded before
/// the change is applied, cleared when the change turned out to be none or when the handler ran.
/// </summary>
internal sealed class HandlerNotifications(HandlerJournal? journal, HashSet<string> pendingFromEarlierRuns, ExecutionStrategy strategy)
{
    private readonly HashSet<TaskDefinition> _notified = [];

    // The keys whose record is on the host now: a second notification of a recorded handler writes nothing, and
    // only the task that wrote a record may take it back (changed_when), never one an earlier change still needs.
    private readonly HashSet<string> _recorded = [.. pendingFromEarlierRuns];

    public static async Task<HandlerNotifications> ReadAsync(HostSession session, ExecutionStrategy strategy, CancellationToken ct) =>
        new(session.Journal, session.Journal is null ? [] : await session.Journal.ReadAsync(session.Facts, ct), strategy);

    /// <summary>Whether a node runs as far as handlers go: any task does; a handler only when notified now or earlier.</summary>
    public bool ShouldRun(GraphNode node, out bool fromEarlierRun)
    {
        fromEarlierRun = KeyOf(node) is { } key && pendingFromEarlierRuns.Contains(key);
        return !node.Task.IsHandler || fromEarlierRun || _notified.Contains(node.Task);
    }

    /// <summary>A node changed: the handlers it notifies will run.</summary>
    public void Notify(GraphNode node) => _notified.UnionWith(GraphBuilder.NotifiedHandlers(node));

    /// <summary>
    /// Persists the node's notifications before its change, so a run that dies right after the change still fires
    /// them next time; returns the keys this call recorded (not those on the host already).
    /// </summary>
    public Task<IReadOnlyList<string>> RecordBeforeChangeAsync(GraphNode node, CancellationToken ct) => strategy.JournalAsync(
        async c =>
        {
            var keys = new List<string>();
            foreach (var handler in journal is null ? [] : GraphBuilder.NotifiedHandlers(node))
            {
                var key = journal!.KeyOf(node.Play, handler);
                if (_recorded.Contains(key))
                {
                    continue;
                }

                await journal.AddAsync(key, handler.Name, c);
                _recorded.Add(key);
                keys.Add(key);
            }

            return keys;
        },
        ct);

    /// <summary>
    /// A handler's node was reached while it was notified (it ran, or its <c>when</c> skipped it): the notification
    /// is used up, so a later flush point runs it again only when a task notifies it again, as in Ansible.
    /// </summary>
    public void Reached(GraphNode node)
    {
        _notified.Remove(node.Task);
        if (KeyOf(node) is { } key)
        {
            pendingFromEarlierRuns.Remove(key);
        }
    }

    /// <summary>The change recorded by <see cref="RecordBeforeChangeAsync"/> was none after all (<c>changed_when</c>).</summary>
    public async Task ForgetAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            await journal!.RemoveAsync(key, ct);
            _recorded.Remove(key);
        }
    }

    /// <summary>A handler ran: its notification is done (in apply mode; check mode ran nothing).</summary>
    public Task HandlerRanAsync(GraphNode node, CancellationToken ct) =>
        KeyOf(node) is { } key
            ? strategy.AfterHandlerAsync(
                async c =>
                {
                    await journal!.RemoveAsync(key, c);
                    _recorded.Remove(key);
                },
                ct)
            : Task.CompletedTask;

    private string? KeyOf(GraphNode node) => node.Task.IsHandler && journal is not null ? journal.KeyOf(node.Play, node.Task) : null;
}
