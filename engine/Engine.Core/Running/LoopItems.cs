using Converge.Core.Diagnostics;
using Converge.Core.Playbooks;
using Converge.Core.Templates;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Running;

/// <summary>The items of a task's <c>loop</c>: a YAML list (rendered) or a template that gives a list.</summary>
internal static class LoopItems
{
    public static List<(bool HasItem, object? Item)> Of(TaskDefinition task, IReadOnlyDictionary<string, object?> vars, TemplateEngine templates)
    {
        if (task.Loop is null)
        {
            return [(false, null)];
        }

        var value = task.Loop is YamlScalarNode scalar
            ? templates.RenderValue(scalar.Value ?? string.Empty, vars)
            : templates.RenderDeep(YamlValues.ToPlain(task.Loop), vars);
        return value switch
        {
            IEnumerable<object?> list => [.. list.Select(i => (true, i))],
            null => [],
            _ => throw new TaskFailedException($"loop must give a list, but gave {value.GetType().Name} '{value}'"),
        };
    }

    /// <summary>A short label of an item for output: the value itself, or a map's values, at most 60 characters.</summary>
    public static string Label(object? item)
    {
        var text = item switch
        {
            null => "null",
            IDictionary<string, object?> map => string.Join(", ", map.Select(p => $"{p.Key}={p.Value}")),
            IEnumerable<object?> list => string.Join(", ", list),
            _ => item.ToString() ?? string.Empty,
        };
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
