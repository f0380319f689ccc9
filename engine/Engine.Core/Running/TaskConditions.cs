using Converge.Core.Graph;
using Converge.Core.Templates;

namespace Converge.Core.Running;

/// <summary>A node's <c>when</c>: those of the blocks around it (outermost first), then the task's own; all must hold.</summary>
internal static class TaskConditions
{
    /// <summary>The first condition that is false, or null when the node runs.</summary>
    public static string? FirstFalse(GraphNode node, IReadOnlyDictionary<string, object?> vars, TemplateEngine templates) =>
        node.Scope.OutermostFirst().Select(s => s.When).Append(node.Task.When)
            .OfType<string>()
            .FirstOrDefault(condition => !templates.Evaluate(condition, vars));
}
