using Converge.Core.Diagnostics;
using Converge.Core.Templates;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>One task: its keywords, its module (under any of Ansible's names) and the module's params.</summary>
public sealed partial class PlaybookLoader
{
    private static readonly string[] TaskKeys =
        ["name", "when", "loop", "loop_control", "with_items", "with_list", "register", "notify", "requires", "tags", "ignore_errors", "changed_when",
         "failed_when", "until", "retries", "delay", "vars", "become", "become_user", "throttle", "args", "action", "local_action",
         "no_log", "check_mode", "delegate_to", "connection", "run_once", "any_errors_fatal", "async", "poll"];

    /// <summary>
    /// Task keywords Ansible has that change nothing Converge promises when left out, accepted and listed by
    /// <c>converge validate</c> as not acted on yet. Keywords whose absence would run something else (the other
    /// loops, <c>loop_control</c>) are diagnostics instead.
    /// </summary>
    private static readonly string[] UnenforcedTaskKeys =
        ["debugger", "max_fail_percentage", "ignore_unreachable", "timeout", "diff",
         "delegate_facts", "environment", "remote_user", "become_method", "become_flags", "collections", "module_defaults"];

    private TaskDefinition? LoadTask(YamlReader reader, YamlMappingNode node, TaskContext context, bool isHandler)
    {
        var task = new TaskBuilder();
        var moduleKeys = new List<(string Name, YamlNode Key, YamlNode Value)>();
        foreach (var (keyNode, value) in node.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            if (key is "action" or "local_action")
            {
                if (ActionModule(reader, value) is { } action)
                {
                    moduleKeys.Add(action);
                }

                if (key == "local_action")
                {
                    // Ansible's shorthand for delegate_to: localhost.
                    task.DelegateTo = "localhost";
                }
            }
            else if (!ReadKeyword(reader, task, key, keyNode, value, isHandler))
            {
                moduleKeys.Add((ModuleNames.Resolve(key, moduleNames), keyNode, value));
            }
        }

        var name = task.Name;
        var known = moduleKeys.Where(m => moduleNames.Contains(m.Name)).ToList();

        // A module Converge lacks or refuses belongs to its task: reported at validation unless the task is never
        // reached before the run (a yum task under `when: ansible_os_family == 'RedHat'`), failed if a host reaches it.
        foreach (var (unknown, keyNode, _) in moduleKeys.Where(m => !moduleNames.Contains(m.Name)))
        {
            if ((refusedModules?.GetValueOrDefault(unknown) ?? refusedModules?.GetValueOrDefault(ModuleNames.WithoutPrefix(unknown))) is { } refusal)
            {
                task.Problems.Add(new Diagnostic(reader.Span(keyNode), $"{unknown}: {refusal}"));
                continue;
            }

            var hint = NameSuggestion.DidYouMean(unknown, moduleNames.Concat(TaskKeys));
            task.Problems.Add(new Diagnostic(reader.Span(keyNode), hint.Length == 0
                ? $"unknown module or task key '{unknown}'; modules are: {string.Join(", ", moduleNames.Order(StringComparer.Ordinal))}"
                : $"unknown module or task key '{unknown}'{hint}"));
        }

        if (known.Count > 1)
        {
            reader.Error(known[1].Key, $"a task has exactly one module, but this one has {string.Join(" and ", known.Select(k => $"'{k.Name}'"))}");
            return null;
        }

        if (moduleKeys.Count == 0)
        {
            reader.Error(node, $"task '{name ?? "(unnamed)"}' has no module; add one of: {string.Join(", ", moduleNames.Order(StringComparer.Ordinal))}");
            return null;
        }

        // Without a module Converge has, the task keeps the key it was written with, to be named in its problems.
        var module = known.Count == 1 ? known[0] : moduleKeys[0];
        var parameters = module.Value is YamlScalarNode { Value: null or "" } ? null : module.Value;
        return task.Build(
            id: context.Play.NextId(isHandler),
            name: name ?? $"{module.Name} {Describe(module.Value)}".Trim(),
            module: module.Name,
            parameters: known.Count == 1 ? FreeFormArguments.Normalize(module.Name, parameters, task.Args) : parameters,
            file: reader.File,
            span: reader.Span(node),
            moduleSpan: reader.Span(module.Key),
            playIndex: context.Play.Index,
            isHandler: isHandler) with
        {
            Scope = context.Scope,
            Tags = [.. context.Tags, .. task.Tags],
        };
    }

    /// <summary><c>action: module k=v</c> or <c>action: {module: x, k: v}</c>: the module and its params.</summary>
    private (string, YamlNode, YamlNode)? ActionModule(YamlReader reader, YamlNode value)
    {
        if (value is YamlScalarNode { Value: { Length: > 0 } text })
        {
            var parts = text.Split(' ', 2, StringSplitOptions.TrimEntries);
            return (ModuleNames.Resolve(parts[0], moduleNames), value, new YamlScalarNode(parts.Length > 1 ? parts[1] : string.Empty));
        }

        if (value is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("module"), out var moduleNode) && moduleNode is YamlScalarNode { Value: { } module })
        {
            var rest = new YamlMappingNode(mapping.Children.Where(c => YamlValues.KeyText(c.Key) != "module"));
            return (ModuleNames.Resolve(module, moduleNames), moduleNode, rest);
        }

        reader.Error(value, "action: write the module and its arguments ('action: file path=/x state=touch') or a mapping with 'module:'");
        return null;
    }

    private static bool ReadKeyword(YamlReader reader, TaskBuilder task, string key, YamlNode keyNode, YamlNode value, bool isHandler)
    {
        switch (key)
        {
            case "name": task.Name = reader.String(value, key); return true;
            case "when": task.When = Condition(reader, value, key); task.ConditionSpans[key] = reader.Span(value); return true;
            case "loop": SetLoop(reader, task, keyNode, value, null); return true;
            case "loop_control": task.LoopControl = ReadLoopControl(reader, value); return true;
            case "register": task.Register = reader.String(value, key); return true;
            case "notify": task.Notify = [.. reader.Strings(value, key).Select(s => new NamedReference(s.Value, s.Span))]; return true;
            case "requires": task.Requires = [.. reader.Strings(value, key).Select(s => new NamedReference(s.Value, s.Span))]; return true;
            case "listen" when isHandler: task.Listen = [.. reader.Strings(value, key).Select(s => s.Value)]; return true;
            case "tags": task.Tags = [.. reader.Strings(value, key).Select(s => s.Value)]; return true;
            case "ignore_errors" or "no_log" or "retries" or "delay" when Templated(value) is { } text:
                task.KeywordTemplates.Add(new KeywordTemplate(key, text, reader.Span(value)));
                return true;
            case "ignore_errors": task.IgnoreErrors = reader.Bool(value, key) ?? false; return true;
            case "changed_when": task.ChangedWhen = Condition(reader, value, key); task.ConditionSpans[key] = reader.Span(value); return true;
            case "failed_when": task.FailedWhen = Condition(reader, value, key); task.ConditionSpans[key] = reader.Span(value); return true;
            case "until": task.Until = Condition(reader, value, key); task.ConditionSpans[key] = reader.Span(value); return true;
            case "retries": task.Retries = reader.Int(value, key) ?? 0; return true;
            case "delay": task.Delay = reader.Int(value, key) ?? 0; return true;
            case "vars": task.Vars = reader.Variables(value, key); return true;
            case "become": task.Become = reader.Bool(value, key); return true;
            case "become_user": task.BecomeUser = reader.String(value, key); return true;
            case "throttle": task.Throttle = reader.Int(value, key, 1); return true;
            case "args": task.Args = reader.Mapping(value, "'args'"); return true;
            case "check_mode": task.CheckMode = reader.Bool(value, key); return true;
            case "no_log": task.NoLog = reader.Bool(value, key) ?? false; return true;
            case "run_once": task.RunOnce = reader.Bool(value, key) ?? false; return true;
            case "any_errors_fatal": task.AnyErrorsFatal = reader.Bool(value, key) ?? false; return true;
            case "delegate_to": task.DelegateTo = reader.String(value, key); return true;
            case "connection": task.Connection = reader.String(value, key); return true;
            case "async": task.Async = reader.Int(value, key, 1); return true;
            case "poll":
                // Ansible's poll: 0 starts the task in the background and moves on; Converge waits for it (validate says so).
                if (reader.Int(value, key, 0) == 0)
                {
                    task.Unenforced.Add(new NamedReference("poll: 0", reader.Span(keyNode)));
                }

                return true;
            default:
                if (key.StartsWith("with_", StringComparison.Ordinal))
                {
                    SetLoop(reader, task, keyNode, value, key["with_".Length..]);
                    return true;
                }

                if (UnenforcedTaskKeys.Contains(key))
                {
                    task.Unenforced.Add(new NamedReference(key, reader.Span(keyNode)));
                    return true;
                }

                return false;
        }
    }

    /// <summary>The text of a keyword value written as a template (rendered per host at run time), else null.</summary>
    private static string? Templated(YamlNode value) =>
        value is YamlScalarNode { Value: { } text } && TemplateEngine.IsTemplated(text) ? text : null;

    /// <summary>A condition written as one expression or as a list of expressions that must all hold.</summary>
    internal static string? Condition(YamlReader reader, YamlNode value, string key)
    {
        if (value is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        var parts = reader.Strings(value, key).Select(s => s.Value).ToList();
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            // Ansible joins the terms as "(a) and (b)"; a term without "or" needs no parentheses to keep its meaning.
            _ => string.Join(" and ", parts.Select(p => p.Contains(" or ", StringComparison.Ordinal) ? $"({p})" : p)),
        };
    }

    private static string Describe(YamlNode value) =>
        value is YamlScalarNode { Value: { } text } ? text : string.Empty;
}
