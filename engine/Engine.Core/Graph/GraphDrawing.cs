using System.Text;

namespace Converge.Core.Graph;

/// <summary>Draws a task graph as text, mermaid or Graphviz dot. Order edges are implied in text and drawn thin elsewhere.</summary>
public static class GraphDrawing
{
    public static readonly IReadOnlyList<string> Formats = ["text", "mermaid", "dot"];

    public static string Draw(TaskGraph graph, string format) => format switch
    {
        "mermaid" => Mermaid(graph),
        "dot" => Dot(graph),
        _ => Text(graph),
    };

    private static string Text(TaskGraph graph)
    {
        var text = new StringBuilder();
        foreach (var host in graph.Hosts)
        {
            text.AppendLine(host);
            foreach (var node in graph.NodesOf(host))
            {
                text.Append("  ").Append(node.Task.IsHandler ? "handler " : string.Empty).Append(node.Task.Name)
                    .Append(" [").Append(node.Task.Module).Append(']')
                    .AppendLine(node.Task.Include is { } include ? $" (expands at run time: {include.Name})" : string.Empty);
                foreach (var edge in node.Incoming.Where(e => e.Kind != EdgeKind.Order))
                {
                    text.Append("    ").Append(Label(edge.Kind)).Append(' ').Append(edge.From.Task.Name)
                        .Append(edge.From.Host == host ? string.Empty : $" on {edge.From.Host}").AppendLine();
                }
            }
        }

        text.Append(graph.Nodes.Count()).Append(" nodes, ").Append(graph.Edges.Count).AppendLine(" edges");
        return text.ToString();
    }

    private static string Mermaid(TaskGraph graph)
    {
        var ids = Ids(graph);
        var text = new StringBuilder("flowchart TD\n");
        foreach (var host in graph.Hosts)
        {
            text.Append("  subgraph ").Append(Safe(host)).Append("[\"").Append(host).AppendLine("\"]");
            foreach (var node in graph.NodesOf(host))
            {
                // A dynamic include is drawn as a subroutine box: it expands into tasks when the host reaches it.
                var (open, close) = node.Task.Include is null ? ("[\"", "\"]") : ("[[\"", " (expands at run time)\"]]");
                text.Append("    ").Append(ids[node]).Append(open).Append(Escape(node.Task.Name)).AppendLine(close);
            }

            text.AppendLine("  end");
        }

        foreach (var edge in graph.Edges)
        {
            var arrow = edge.Kind switch
            {
                EdgeKind.Order => " --> ",
                EdgeKind.Requires => " ==>|requires| ",
                EdgeKind.Notify => " -.->|notify| ",
                EdgeKind.RunOnce => " -.->|run_once| ",
                _ => " -.->|serial| ",
            };
            text.Append("  ").Append(ids[edge.From]).Append(arrow).AppendLine(ids[edge.To]);
        }

        return text.ToString();
    }

    private static string Dot(TaskGraph graph)
    {
        var ids = Ids(graph);
        var text = new StringBuilder("digraph converge {\n  rankdir=TB;\n  node [shape=box];\n");
        foreach (var host in graph.Hosts)
        {
            text.Append("  subgraph \"cluster_").Append(Escape(host)).Append("\" {\n    label=\"").Append(Escape(host)).AppendLine("\";");
            foreach (var node in graph.NodesOf(host))
            {
                text.Append("    ").Append(ids[node]).Append(" [label=\"").Append(Escape(node.Task.Name)).Append('"')
                    .Append(node.Task.IsHandler ? ", style=dashed" : string.Empty)
                    .Append(node.Task.Include is null ? string.Empty : ", shape=folder, tooltip=\"expands at run time\"").AppendLine("];");
            }

            text.AppendLine("  }");
        }

        foreach (var edge in graph.Edges)
        {
            var style = edge.Kind switch
            {
                EdgeKind.Order => string.Empty,
                EdgeKind.Requires => " [label=\"requires\", penwidth=2]",
                EdgeKind.Notify => " [label=\"notify\", style=dashed]",
                EdgeKind.RunOnce => " [label=\"run_once\", style=dotted]",
                _ => " [label=\"serial\", style=dotted]",
            };
            text.Append("  ").Append(ids[edge.From]).Append(" -> ").Append(ids[edge.To]).Append(style).AppendLine(";");
        }

        return text.Append("}\n").ToString();
    }

    private static Dictionary<GraphNode, string> Ids(TaskGraph graph) =>
        graph.Nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => $"n{p.i}");

    private static string Label(EdgeKind kind) => kind switch
    {
        EdgeKind.Requires => "requires",
        EdgeKind.Notify => "notified by",
        EdgeKind.Serial => "after batch",
        EdgeKind.RunOnce => "run once, after",
        _ => "after",
    };

    private static string Safe(string name) => "h_" + new string([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);

    private static string Escape(string text) => text.Replace("\"", "'", StringComparison.Ordinal);
}
