using Converge.Core.Playbooks;

namespace Converge.Core.Graph;

/// <summary>A node of the task graph: one task (or handler) on one host.</summary>
public sealed class GraphNode(string host, Play play, TaskDefinition task)
{
    public string Host { get; } = host;

    public Play Play { get; } = play;

    public TaskDefinition Task { get; } = task;

    /// <summary>What the task inherits from the blocks around it; the play's empty scope when it is in none.</summary>
    public TaskScope Scope { get; init; } = TaskScope.Play;

    public string Id => $"{Host}/{Task.Id}";

    public List<GraphEdge> Incoming { get; } = [];

    public List<GraphEdge> Outgoing { get; } = [];

    public override string ToString() => $"{Task.Name} on {Host}";
}
