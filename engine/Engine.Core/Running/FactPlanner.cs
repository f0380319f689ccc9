using Converge.Core.Facts;
using Converge.Core.Graph;

namespace Converge.Core.Running;

/// <summary>
/// Which facts to read in one batch before a host runs a task: those its own check and the checks of the
/// play's next tasks declare (<see cref="Modules.IModule.FactsOf"/>), as far as they can be known now.
/// <para>
/// A later task is left out when it is a handler (it runs only after a change, which drops the cache),
/// when it runs with become (facts are read as the login user; a become task reads its own), when its
/// <c>when</c> is false or cannot be evaluated yet, or when its loop or params cannot be rendered yet (they
/// use a result registered by an earlier task). The lookahead stops at the end of the play and at a task
/// that waits for another host, since the host worker drops its facts after such a wait. A fact planned
/// from params that later render differently is harmless: facts are keyed by their probe, so the task
/// reads the fact it needs and the planned one is one unused probe.
/// </para>
/// </summary>
internal sealed class FactPlanner(RunState state)
{
    /// <summary>The facts of <paramref name="nodes"/>[<paramref name="start"/>] and the play's next tasks on this host.</summary>
    public IReadOnlyList<IFact> Plan(IReadOnlyList<GraphNode> nodes, int start, Func<GraphNode, bool> runsAsLoginUser)
    {
        var facts = new List<IFact>();
        var play = nodes[start].Play;
        for (var i = start; i < nodes.Count && nodes[i].Play == play; i++)
        {
            var node = nodes[i];
            if (i > start && WaitsForOtherHosts(node))
            {
                break;
            }

            if ((i == start || !node.Task.IsHandler) && runsAsLoginUser(node))
            {
                facts.AddRange(FactsOf(node));
            }
        }

        return facts;
    }

    /// <summary>True when the node depends on another host's task (or a serial batch), which may change this host while it waits.</summary>
    public static bool WaitsForOtherHosts(GraphNode node) =>
        node.Incoming.Any(e => e.From.Host != node.Host || e.Kind == EdgeKind.Serial);

    /// <summary>The facts one node's checks declare for every item, or none when they cannot be known yet.</summary>
    private List<IFact> FactsOf(GraphNode node)
    {
        var task = node.Task;
        try
        {
            var module = state.Modules.Get(task.Module);
            var vars = state.Scope.For(node);
            if (LoopItems.RunTimeOnly(task) || TaskConditions.FirstFalse(node, vars, state.Templates) is not null)
            {
                return [];
            }

            var facts = new List<IFact>();
            foreach (var item in LoopItems.Of(task, vars, state.Templates))
            {
                // As the runner does: `when` once for the task, params per item.
                var itemVars = item.HasItem ? state.Scope.For(node, item) : vars;
                facts.AddRange(module.FactsOf(state.Binder.Bind(module, task.Params, task.File, task.ModuleSpan, itemVars)));
            }

            return facts;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not knowable yet (an undefined variable, a registered result, invalid params): the task reads
            // its facts itself when it runs and reports its own error then.
            return [];
        }
    }
}
