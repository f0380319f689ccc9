using Converge.Core.Diagnostics;
using Converge.Core.Playbooks;

namespace Converge.Core.Graph;

/// <summary>
/// Builds the task graph by pure code, apart from the runner, and reports every graph error at once:
/// <c>requires</c>/<c>notify</c> naming nothing (with the valid names), and every cycle by its task names.
/// </summary>
public static class GraphBuilder
{
    /// <param name="playbook">The loaded playbook.</param>
    /// <param name="playHosts">The hosts of each play (by play index) after patterns and <c>--limit</c>, in inventory order.</param>
    /// <param name="hostOrder">Every host of the inventory in order.</param>
    /// <param name="filter">Tag selection.</param>
    /// <param name="diagnostics">Where graph errors go.</param>
    public static TaskGraph Build(Playbook playbook, IReadOnlyDictionary<int, IReadOnlyList<string>> playHosts, IReadOnlyList<string> hostOrder, TaskFilter filter, DiagnosticBag diagnostics)
    {
        var byHost = new Dictionary<string, List<GraphNode>>(StringComparer.Ordinal);
        var byTask = new Dictionary<string, List<GraphNode>>(StringComparer.Ordinal);
        var edges = new List<GraphEdge>();
        var tasksByName = playbook.Plays.SelectMany(p => p.Tasks).GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var play in playbook.Plays)
        {
            var hosts = playHosts.TryGetValue(play.Index, out var h) ? h : [];
            // A flush point is kept whatever the tags: it only places the handlers notified before it.
            var tasks = play.Tasks.Where(t => t.Meta == "flush_handlers" || filter.Selects(play, t)).ToList();
            var previousBatchEnds = new List<GraphNode>();
            foreach (var batch in Batches(play, hosts))
            {
                var batchEnds = new List<GraphNode>();
                foreach (var host in batch)
                {
                    var nodes = byHost.TryGetValue(host, out var list) ? list : byHost[host] = [];
                    var playNodes = PlayNodes(host, play, tasks);
                    if (playNodes.Count == 0)
                    {
                        continue;
                    }

                    foreach (var node in playNodes)
                    {
                        if (nodes.Count > 0)
                        {
                            Connect(edges, nodes[^1], node, EdgeKind.Order);
                        }

                        nodes.Add(node);
                        (byTask.TryGetValue(node.Task.Id, out var same) ? same : byTask[node.Task.Id] = []).Add(node);
                    }

                    foreach (var end in previousBatchEnds)
                    {
                        Connect(edges, end, playNodes[0], EdgeKind.Serial);
                    }

                    batchEnds.Add(playNodes[^1]);
                }

                previousBatchEnds = batchEnds;
            }

            ResolveNotify(play, diagnostics);
        }

        foreach (var nodes in byHost.Values)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                foreach (var handler in NotifiedHandlers(nodes[i]))
                {
                    // The handler's next flush point after the task: where it runs when this task notifies it.
                    var target = nodes.Skip(i + 1).First(n => n.Task == handler);
                    Connect(edges, nodes[i], target, EdgeKind.Notify);
                }
            }

            ConnectRunOnce(nodes, byTask, edges);
        }

        ResolveRequires(playbook, tasksByName, byTask, edges, diagnostics);
        ReportCycles(byHost.Values.SelectMany(n => n).ToList(), diagnostics);
        var order = hostOrder.Where(byHost.ContainsKey).ToList();
        return new TaskGraph(order, byHost.ToDictionary(p => p.Key, p => (IReadOnlyList<GraphNode>)p.Value, StringComparer.Ordinal), edges);
    }

    /// <summary>
    /// One host's nodes of a play: its tasks, with the handlers at each flush point (an explicit or implicit
    /// <c>meta: flush_handlers</c>, which has no node of its own) the handlers that tasks since the previous one
    /// may notify, and every handler at the end of the play, as Ansible runs them. A handler can thus have
    /// several nodes on a host; it runs at the first one after it is notified.
    /// </summary>
    private static List<GraphNode> PlayNodes(string host, Play play, IReadOnlyList<TaskDefinition> tasks)
    {
        var nodes = new List<GraphNode>();
        var sinceFlush = new List<TaskDefinition>();
        foreach (var task in tasks)
        {
            if (task.Meta == "flush_handlers")
            {
                var notified = play.Handlers.Where(h => sinceFlush.Any(t => t.Notify.Any(n => n.Name == h.Name || h.Listen.Contains(n.Name))));
                nodes.AddRange(notified.Select(h => new GraphNode(host, play, h) { Scope = h.Scope }));
                sinceFlush.Clear();
                continue;
            }

            sinceFlush.Add(task);
            nodes.Add(new GraphNode(host, play, task) { Scope = task.Scope });
        }

        nodes.AddRange(play.Handlers.Select(h => new GraphNode(host, play, h) { Scope = h.Scope }));
        return nodes;
    }

    /// <summary>
    /// A <c>run_once</c> task runs on the first host of its batch that gets to it; every other host waits for the
    /// host before it (an edge of its own kind) and takes the result (<c>Running/TaskStep</c>).
    /// </summary>
    private static void ConnectRunOnce(List<GraphNode> nodes, Dictionary<string, List<GraphNode>> byTask, List<GraphEdge> edges)
    {
        foreach (var node in nodes.Where(n => n.Task.RunOnce))
        {
            var all = byTask[node.Task.Id];
            var at = all.IndexOf(node);
            if (at > 0 && !node.Incoming.Any(e => e.Kind == EdgeKind.RunOnce))
            {
                Connect(edges, all[at - 1], node, EdgeKind.RunOnce);
            }
        }
    }

    /// <summary>The handlers a task notifies, by handler name or <c>listen</c> topic, in handler definition order.</summary>
    public static IEnumerable<TaskDefinition> NotifiedHandlers(GraphNode node) =>
        node.Task.IsHandler ? [] : node.Play.Handlers.Where(h => node.Task.Notify.Any(n => n.Name == h.Name || h.Listen.Contains(n.Name)));

    private static void ResolveNotify(Play play, DiagnosticBag diagnostics)
    {
        var names = play.Handlers.Select(h => h.Name).Concat(play.Handlers.SelectMany(h => h.Listen)).ToList();
        foreach (var reference in play.Tasks.SelectMany(t => t.Notify))
        {
            if (!names.Contains(reference.Name, StringComparer.Ordinal))
            {
                diagnostics.Add(reference.Span, names.Count == 0
                    ? $"notify: no handler named '{reference.Name}'; play '{play.Name}' has no handlers"
                    : $"notify: no handler named '{reference.Name}'{NameSuggestion.DidYouMean(reference.Name, names)} (handlers of play '{play.Name}': {string.Join(", ", names)})");
            }
        }
    }

    private static void ResolveRequires(Playbook playbook, Dictionary<string, List<TaskDefinition>> tasksByName, Dictionary<string, List<GraphNode>> byTask, List<GraphEdge> edges, DiagnosticBag diagnostics)
    {
        foreach (var task in playbook.Plays.SelectMany(p => p.Tasks.Concat(p.Handlers)))
        {
            foreach (var reference in task.Requires)
            {
                if (!tasksByName.TryGetValue(reference.Name, out var targets))
                {
                    diagnostics.Add(reference.Span, $"requires: no task named '{reference.Name}'{NameSuggestion.DidYouMean(reference.Name, tasksByName.Keys)} (tasks are: {string.Join(", ", tasksByName.Keys.Select(k => $"'{k}'"))})");
                    continue;
                }

                if (targets.Count > 1)
                {
                    diagnostics.Add(reference.Span, $"requires: '{reference.Name}' names {targets.Count} tasks; give them distinct names");
                    continue;
                }

                if (targets[0] == task)
                {
                    diagnostics.Add(reference.Span, $"requires: task '{task.Name}' requires itself");
                    continue;
                }

                // Every instance of the required task (on each host of its play) must finish before any instance of this one.
                var sources = byTask.TryGetValue(targets[0].Id, out var s) ? s : [];
                foreach (var to in byTask.TryGetValue(task.Id, out var t) ? t : [])
                {
                    foreach (var from in sources)
                    {
                        Connect(edges, from, to, EdgeKind.Requires);
                    }
                }
            }
        }
    }

    private static void ReportCycles(IReadOnlyList<GraphNode> nodes, DiagnosticBag diagnostics)
    {
        // Tarjan's strongly connected components; every component of more than one node is a cycle.
        var index = new Dictionary<GraphNode, int>();
        var low = new Dictionary<GraphNode, int>();
        var stack = new Stack<GraphNode>();
        var onStack = new HashSet<GraphNode>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var counter = 0;

        void Visit(GraphNode node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in node.Outgoing.Select(e => e.To))
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] != index[node])
            {
                return;
            }

            var component = new List<GraphNode>();
            GraphNode member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);

            if (component.Count > 1)
            {
                var tasks = component.Select(n => n.Task).Distinct().OrderBy(t => t.PlayIndex).ThenBy(t => t.Span.Line).ToList();
                var names = string.Join(" → ", tasks.Select(t => $"'{t.Name}'").Append($"'{tasks[0].Name}'"));
                if (reported.Add(names))
                {
                    diagnostics.Add(tasks[0].Span, $"dependency cycle: {names} (through requires/play order); break one of these edges");
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }
    }

    /// <summary>The play's rolling batches (<c>serial:</c>) of <paramref name="hosts"/>, in order; one batch without it.</summary>
    public static IEnumerable<IReadOnlyList<string>> Batches(Play play, IReadOnlyList<string> hosts)
    {
        var size = SerialSize(play.Serial, hosts.Count);
        for (var i = 0; i < hosts.Count; i += size)
        {
            yield return hosts.Skip(i).Take(size).ToList();
        }
    }

    /// <summary>The batch size of <c>serial:</c> (a count or a percentage); all hosts at once without it.</summary>
    public static int SerialSize(string? serial, int hostCount)
    {
        if (string.IsNullOrWhiteSpace(serial) || hostCount == 0)
        {
            return Math.Max(1, hostCount);
        }

        var text = serial.Trim();
        if (text.EndsWith('%') && double.TryParse(text[..^1], System.Globalization.CultureInfo.InvariantCulture, out var percent))
        {
            return Math.Max(1, (int)(hostCount * percent / 100));
        }

        return int.TryParse(text, out var count) && count > 0 ? count : hostCount;
    }

    private static void Connect(List<GraphEdge> edges, GraphNode from, GraphNode to, EdgeKind kind)
    {
        var edge = new GraphEdge(from, to, kind);
        edges.Add(edge);
        from.Outgoing.Add(edge);
        to.Incoming.Add(edge);
    }
}
