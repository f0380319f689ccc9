namespace Converge.Core.Graph;

/// <summary>The resolved task graph of a run: nodes per host in play order, and every edge.</summary>
public sealed class TaskGraph(IReadOnlyList<string> hosts, IReadOnlyDictionary<string, IReadOnlyList<GraphNode>> nodesByHost, IReadOnlyList<GraphEdge> edges)
{
    /// <summary>Hosts that have at least one node, in inventory order.</summary>
    public IReadOnlyList<string> Hosts => hosts;

    public IReadOnlyList<GraphEdge> Edges => edges;

    public IEnumerable<GraphNode> Nodes => hosts.SelectMany(NodesOf);

    /// <summary>A host's nodes in the order the host runs them.</summary>
    public IReadOnlyList<GraphNode> NodesOf(string host) => nodesByHost.TryGetValue(host, out var nodes) ? nodes : [];
}
