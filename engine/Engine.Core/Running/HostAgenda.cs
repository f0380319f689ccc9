using Converge.Core.Graph;

namespace Converge.Core.Running;

/// <summary>
/// The nodes one host runs, in order: its nodes of the task graph, which the host worker walks by index.
/// The list may grow while the host runs: a dynamic <c>include_tasks</c>/<c>include_role</c> node, when the host
/// reaches it, resolves its file, loads and validates it and calls <see cref="Splice"/> with the nodes for this
/// host, which then run next, before the rest of the agenda. Spliced nodes are this host's alone (their edges
/// point within the host), so no other worker waits on them beyond <see cref="RunState.ResultOf"/>.
/// </summary>
internal sealed class HostAgenda(IEnumerable<GraphNode> nodes)
{
    private readonly List<GraphNode> _nodes = [.. nodes];

    public int Count => _nodes.Count;

    public GraphNode this[int index] => _nodes[index];

    public IReadOnlyList<GraphNode> Nodes => _nodes;

    /// <summary>Inserts <paramref name="spliced"/> right after the node at <paramref name="index"/> (the include being run).</summary>
    public void Splice(int index, IEnumerable<GraphNode> spliced) => _nodes.InsertRange(index + 1, spliced);
}
