namespace Converge.Core.Graph;

/// <summary>A directed edge: <see cref="To"/> waits for <see cref="From"/>.</summary>
public sealed record GraphEdge(GraphNode From, GraphNode To, EdgeKind Kind);
