using Converge.Core.Playbooks;

namespace Converge.Core.Graph;

/// <summary>A node of the task graph: one task (or handler) on one host.</summary>
public sealed class GraphNode(string host, Play play, TaskDefinition task)
{
    public string Host { get; } = host;

    public Play Play { get; } = play;

    public TaskDefinition Task { get; } = task;

    public string Id => $"{Host}/{Task.Id}";

    public List<GraphEdge> Incoming { get; } = [];

    public List<GraphEdge> Outgoing { get; } = [];

    public override string ToString() => $"{Task.Name} on {Host}";
}
