using System.Globalization;
using Converge.Core.Diagnostics;
using Converge.Core.Templates.Jinja.Filters;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>A task's loop: <c>loop:</c>, or <c>with_X:</c> (the list lookup plugin X gives), and its <c>loop_control</c>.</summary>
public sealed partial class PlaybookLoader
{
    private static readonly string[] LoopControlKeys = ["loop_var", "index_var", "label", "pause", "extended", "extended_allitems"];

    /// <summary>
    /// Ansible's task executor runs <c>with_X: terms</c> as <c>lookup('X', terms, wantlist=True)</c>; X must be a lookup
    /// Converge has. A task has one loop: a second is an error, as in Ansible ("duplicate loop in task").
    /// </summary>
    private static void SetLoop(YamlReader reader, TaskBuilder task, YamlNode keyNode, YamlNode value, string? lookup)
    {
        if (lookup is not null && !Lookups.Plugins.Contains(lookup))
        {
            var known = string.Join(", ", Lookups.Plugins.Select(n => "with_" + n));
            var hint = NameSuggestion.DidYouMean("with_" + lookup, Lookups.Plugins.Select(n => "with_" + n));
            reader.Error(keyNode, $"unknown loop 'with_{lookup}': there is no lookup plugin '{lookup}'{hint}; the loops are loop: and {known}");
            return;
        }

        if (task.Loop is not null)
        {
            reader.Error(keyNode, $"duplicate loop in task: '{(lookup is null ? "loop" : "with_" + lookup)}' after '{(task.LoopWith is null ? "loop" : "with_" + task.LoopWith)}'; a task has one loop");
            return;
        }

        task.Loop = value;
        task.LoopWith = lookup;
    }

    private static LoopControl ReadLoopControl(YamlReader reader, YamlNode value)
    {
        if (reader.Mapping(value, "'loop_control'") is not { } mapping)
        {
            return LoopControl.Default;
        }

        var control = LoopControl.Default;
        foreach (var (keyNode, item) in mapping.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            control = key switch
            {
                "loop_var" => control with { LoopVar = VariableName(reader, item, key) ?? control.LoopVar },
                "index_var" => control with { IndexVar = VariableName(reader, item, key) },
                "label" => control with { Label = reader.String(item, key) },
                "pause" => control with { Pause = Seconds(reader, item) },
                "extended" => control with { Extended = reader.Bool(item, key) ?? false },
                "extended_allitems" => control with { ExtendedAllItems = reader.Bool(item, key) ?? true },
                _ => Unknown(reader, keyNode, key, control),
            };
        }

        return control;
    }

    private static LoopControl Unknown(YamlReader reader, YamlNode keyNode, string key, LoopControl control)
    {
        reader.Error(keyNode, $"unknown loop_control key '{key}'{NameSuggestion.DidYouMean(key, LoopControlKeys)}; the keys are {string.Join(", ", LoopControlKeys)}");
        return control;
    }

    private static string? VariableName(YamlReader reader, YamlNode value, string key)
    {
        var name = reader.String(value, key);
        if (name is not null && !System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
        {
            reader.Error(value, $"loop_control {key}: '{name}' is not a valid variable name (letters, digits and _, not starting with a digit)");
            return null;
        }

        return name;
    }

    private static double Seconds(YamlReader reader, YamlNode value)
    {
        if (value is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return seconds;
        }

        reader.Error(value, $"loop_control pause must be a number of seconds (e.g. 0.5), not '{YamlReader.Describe(value)}'");
        return 0;
    }
}
