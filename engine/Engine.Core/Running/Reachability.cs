using Converge.Core.Graph;
using Converge.Core.Templates;

namespace Converge.Core.Running;

/// <summary>
/// Whether a node can be reached, decided before it runs: each of its conditions (those of the blocks, roles, imports
/// and includes around it, outermost first, then its own <c>when</c>) is evaluated with what is known of its host now
/// (<see cref="KnownVariables"/>), as true, false or unknown (it reads a value only the run can tell, or fails). One that
/// is false makes the node unreachable: Ansible would skip it there. This is only used to decide which diagnostics to
/// report; the run still evaluates every condition when it reaches the node.
/// </summary>
internal sealed class Reachability(TemplateEngine templates, IReadOnlySet<string> deferred, bool assumeFacts)
{
    /// <summary>The first of the node's conditions (and then <paramref name="own"/>) that is false on its host; null when none is known to be.</summary>
    public string? FalseCondition(GraphNode node, IReadOnlyDictionary<string, object?> vars, string? own)
    {
        var known = new KnownVariables(vars, deferred, assumeFacts);
        return node.Scope.OutermostFirst().Select(s => s.When).Append(own)
            .OfType<string>()
            .FirstOrDefault(condition => IsFalse(condition, known));
    }

    /// <summary>The first false condition of the node, its own <c>when</c> included.</summary>
    public string? FalseCondition(GraphNode node, IReadOnlyDictionary<string, object?> vars) => FalseCondition(node, vars, node.Task.When);

    private bool IsFalse(string condition, KnownVariables known)
    {
        try
        {
            return !templates.Evaluate(condition, known);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Unknown before the run (UnknownBeforeRunException), or an error the run reports when it gets there.
            return false;
        }
    }
}
