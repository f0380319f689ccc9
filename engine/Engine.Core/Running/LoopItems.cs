using Converge.Core.Diagnostics;
using Converge.Core.Playbooks;
using Converge.Core.Templates;
using Converge.Core.Templates.Jinja;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Running;

/// <summary>
/// The items of a task's loop: <c>loop:</c> (a YAML list, rendered, or a template that gives a list), or
/// <c>with_X:</c>, which Ansible's task executor runs as <c>lookup('X', terms, wantlist=True)</c> on the rendered
/// terms made a list (a string or a mapping is one term). Each item carries its <c>loop_control</c> variables.
/// </summary>
internal static class LoopItems
{
    public static List<LoopItem> Of(TaskDefinition task, IReadOnlyDictionary<string, object?> vars, TemplateEngine templates)
    {
        if (task.Loop is null)
        {
            return [LoopItem.None];
        }

        var value = task.Loop is YamlScalarNode scalar
            ? templates.RenderValue(scalar.Value ?? string.Empty, vars)
            : templates.RenderDeep(YamlValues.ToPlain(task.Loop), vars);
        var items = task.LoopWith is { } lookup ? Lookup(task, lookup, value, vars, templates) : value switch
        {
            _ when Py.IsSequence(value) => Py.ToList(value),
            null => [],
            _ => throw new TaskFailedException($"loop must give a list, but gave {value.GetType().Name} '{value}'; for a mapping write loop: \"{{{{ x | dict2items }}}}\""),
        };
        return [.. items.Select((item, index) => Item(task.LoopControl, items, index, vars, templates))];
    }

    /// <summary>
    /// A loop whose lookup runs a command, writes a file or draws at random (<c>with_lines</c>, <c>with_random_choice</c>, …):
    /// its items are made once, when the task runs, never ahead of the run for validation or fact planning.
    /// </summary>
    public static bool RunTimeOnly(TaskDefinition task) => task.LoopWith is "lines" or "pipe" or "random_choice" or "password";

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

    private static List<object?> Lookup(TaskDefinition task, string lookup, object? value, IReadOnlyDictionary<string, object?> vars, TemplateEngine templates)
    {
        // listify_lookup_plugin_terms: a list is the terms; anything else (a string, a mapping, a number) is one term.
        List<object?> terms = Py.IsSequence(value) ? Py.ToList(value) : [value];

        // As Ansible's task executor gives the lookup its "subdir" for first_found: by the task's kind.
        var subdirectory = task.Module.Contains("template", StringComparison.Ordinal) ? "templates"
            : task.Module.Contains("vars", StringComparison.Ordinal) ? "vars"
            : "files";
        try
        {
            return [.. templates.Lookup(lookup, terms, vars, task.Scope.InnermostRole()?.Path, subdirectory)];
        }
        catch (PyException e)
        {
            throw new TaskFailedException($"with_{lookup}: {e.Message}");
        }
    }

    private static LoopItem Item(LoopControl control, List<object?> items, int index, IReadOnlyDictionary<string, object?> vars, TemplateEngine templates)
    {
        var item = items[index];
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [control.LoopVar] = item,
            ["ansible_loop_var"] = control.LoopVar,
        };
        if (control.IndexVar is { } indexVar)
        {
            variables[indexVar] = (long)index;
            variables["ansible_index_var"] = indexVar;
        }

        if (control.Extended)
        {
            variables["ansible_loop"] = Extended(control, items, index);
        }

        var label = control.Label is { } template
            ? templates.RenderValue(template, new Dictionary<string, object?>(vars, StringComparer.Ordinal).Overlaid(variables))?.ToString() ?? string.Empty
            : Label(item);
        return new LoopItem(true, item) { Variables = variables, Label = label };
    }

    /// <summary><c>ansible_loop</c> as ansible-core 2.14's task executor builds it for <c>loop_control.extended</c>.</summary>
    private static Dictionary<string, object?> Extended(LoopControl control, List<object?> items, int index)
    {
        var loop = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["index"] = (long)index + 1,
            ["index0"] = (long)index,
            ["first"] = index == 0,
            ["last"] = index == items.Count - 1,
            ["length"] = (long)items.Count,
            ["revindex"] = (long)(items.Count - index),
            ["revindex0"] = (long)(items.Count - index - 1),
        };
        if (control.ExtendedAllItems)
        {
            loop["allitems"] = items;
        }

        if (index + 1 < items.Count)
        {
            loop["nextitem"] = items[index + 1];
        }

        if (index > 0)
        {
            loop["previtem"] = items[index - 1];
        }

        return loop;
    }

    private static Dictionary<string, object?> Overlaid(this Dictionary<string, object?> vars, IReadOnlyDictionary<string, object?> over)
    {
        foreach (var (key, value) in over)
        {
            vars[key] = value;
        }

        return vars;
    }
}
