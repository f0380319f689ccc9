using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>
/// Loads a playbook file into plays and task definitions, reporting every structural problem
/// (malformed YAML, wrong types, unknown keys, unknown or missing modules) with file:line:col.
/// Module params are kept as YAML nodes; they are bound and validated per host by the validator.
/// </summary>
public sealed class PlaybookLoader(IReadOnlyCollection<string> moduleNames)
{
    private static readonly string[] PlayKeys =
        ["name", "hosts", "vars", "vars_files", "become", "become_user", "tasks", "handlers", "serial", "throttle", "tags", "gather_facts", "gather_subset"];

    private static readonly string[] TaskKeys =
        ["name", "when", "loop", "with_items", "register", "notify", "requires", "tags", "ignore_errors", "changed_when",
         "failed_when", "until", "retries", "delay", "vars", "become", "become_user", "throttle"];

    public Playbook? Load(string path, DiagnosticBag diagnostics)
    {
        var file = YamlFile.Load(path, diagnostics);
        if (file is null)
        {
            return null;
        }

        var reader = new YamlReader(file, diagnostics);
        if (file.Root is not YamlSequenceNode plays)
        {
            diagnostics.Add(file.Root is null ? new SourceSpan(path, 1, 1) : file.SpanOf(file.Root), "a playbook must be a list of plays (each starting with '- name:' and 'hosts:')");
            return null;
        }

        var result = new List<Play>();
        foreach (var node in plays.Children)
        {
            if (reader.Mapping(node, "a play") is { } mapping && LoadPlay(reader, mapping, result.Count) is { } play)
            {
                result.Add(play);
            }
        }

        return new Playbook(path, result);
    }

    private Play? LoadPlay(YamlReader reader, YamlMappingNode node, int index)
    {
        string? name = null;
        string? hosts = null;
        var hostsSpan = reader.Span(node);
        IReadOnlyDictionary<string, object?> vars = new Dictionary<string, object?>();
        var varsFiles = new List<string>();
        bool? become = null;
        string? becomeUser = null;
        string? serial = null;
        int? throttle = null;
        IReadOnlyList<string> tags = [];
        bool? gatherFacts = null;
        IReadOnlyList<string>? gatherSubset = null;
        var tasks = new List<TaskDefinition>();
        var handlers = new List<TaskDefinition>();
        foreach (var (keyNode, value) in node.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            switch (key)
            {
                case "name": name = reader.String(value, key); break;
                case "hosts":
                    hosts = value is YamlSequenceNode ? string.Join(':', reader.Strings(value, key).Select(s => s.Value)) : reader.String(value, key);
                    hostsSpan = reader.Span(value);
                    break;
                case "vars": vars = reader.Variables(value, key); break;
                case "vars_files": varsFiles.AddRange(reader.Strings(value, key).Select(s => s.Value)); break;
                case "become": become = reader.Bool(value, key); break;
                case "become_user": becomeUser = reader.String(value, key); break;
                case "serial": serial = reader.String(value, key); break;
                case "throttle": throttle = reader.Int(value, key, 1); break;
                case "tags": tags = [.. reader.Strings(value, key).Select(s => s.Value)]; break;
                case "gather_facts": gatherFacts = reader.Bool(value, key); break;
                case "gather_subset":
                    gatherSubset = [.. reader.Strings(value, key).Select(s => s.Value)];
                    if (Facts.Gathered.FactSubsets.Parse(gatherSubset, out var unknown) is null)
                    {
                        reader.Error(value, $"gather_subset: unknown subset '{unknown}'{NameSuggestion.DidYouMean(unknown!, [.. Facts.Gathered.FactSubsets.Known])}");
                    }

                    break;
                case "tasks": LoadTasks(reader, value, index, isHandler: false, tasks); break;
                case "handlers": LoadTasks(reader, value, index, isHandler: true, handlers); break;
                default:
                    reader.Error(keyNode, $"unknown play key '{key}'{NameSuggestion.DidYouMean(key, PlayKeys)}; a play has {string.Join(", ", PlayKeys)}");
                    break;
            }
        }

        if (hosts is null)
        {
            reader.Error(node, "a play needs 'hosts:' (a host pattern such as 'all', 'web', 'mesh:!builder')");
            return null;
        }

        return new Play
        {
            Index = index,
            Name = name ?? $"play {index + 1}",
            Hosts = hosts,
            Span = reader.Span(node),
            HostsSpan = hostsSpan,
            Vars = vars,
            VarsFiles = varsFiles,
            Become = become,
            BecomeUser = becomeUser,
            Tasks = tasks,
            Handlers = handlers,
            Serial = serial,
            Throttle = throttle,
            Tags = tags,
            GatherFacts = gatherFacts,
            GatherSubset = gatherSubset,
        };
    }

    private void LoadTasks(YamlReader reader, YamlNode node, int playIndex, bool isHandler, List<TaskDefinition> into)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (node is not YamlSequenceNode sequence)
        {
            reader.Error(node, $"'{(isHandler ? "handlers" : "tasks")}' must be a list of tasks, not a {YamlReader.Describe(node)}");
            return;
        }

        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, isHandler ? "a handler" : "a task") is { } mapping
                && LoadTask(reader, mapping, playIndex, isHandler, into.Count) is { } task)
            {
                into.Add(task);
            }
        }
    }

    private TaskDefinition? LoadTask(YamlReader reader, YamlMappingNode node, int playIndex, bool isHandler, int index)
    {
        var task = new TaskBuilder();
        var moduleKeys = new List<(string Name, YamlNode Key, YamlNode Value)>();
        foreach (var (keyNode, value) in node.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            if (!ReadKeyword(reader, task, key, value, isHandler))
            {
                moduleKeys.Add((key, keyNode, value));
            }
        }

        var name = task.Name;
        var known = moduleKeys.Where(m => moduleNames.Contains(m.Name)).ToList();
        foreach (var (unknown, keyNode, _) in moduleKeys.Where(m => !moduleNames.Contains(m.Name)))
        {
            var suggestion = NameSuggestion.Closest(unknown, moduleNames.Concat(TaskKeys));
            reader.Error(keyNode, suggestion is null
                ? $"unknown module or task key '{unknown}'; modules are: {string.Join(", ", moduleNames.Order(StringComparer.Ordinal))}"
                : $"unknown module or task key '{unknown}' (did you mean '{suggestion}'?)");
        }

        if (known.Count > 1)
        {
            reader.Error(known[1].Key, $"a task has exactly one module, but this one has {string.Join(" and ", known.Select(k => $"'{k.Name}'"))}");
            return null;
        }

        if (known.Count == 0)
        {
            if (moduleKeys.Count == 0)
            {
                reader.Error(node, $"task '{name ?? "(unnamed)"}' has no module; add one of: {string.Join(", ", moduleNames.Order(StringComparer.Ordinal))}");
            }

            return null;
        }

        var module = known[0];
        return task.Build(
            id: $"p{playIndex}.{(isHandler ? "h" : "t")}{index}",
            name: name ?? $"{module.Name} {Describe(module.Value)}".Trim(),
            module: module.Name,
            parameters: module.Value is YamlScalarNode { Value: null or "" } ? null : module.Value,
            file: reader.File,
            span: reader.Span(node),
            moduleSpan: reader.Span(module.Key),
            playIndex: playIndex,
            isHandler: isHandler);
    }

    private static bool ReadKeyword(YamlReader reader, TaskBuilder task, string key, YamlNode value, bool isHandler)
    {
        switch (key)
        {
            case "name": task.Name = reader.String(value, key); return true;
            case "when": task.When = Condition(reader, value, key); return true;
            case "loop" or "with_items": task.Loop = value; return true;
            case "register": task.Register = reader.String(value, key); return true;
            case "notify": task.Notify = [.. reader.Strings(value, key).Select(s => new NamedReference(s.Value, s.Span))]; return true;
            case "requires": task.Requires = [.. reader.Strings(value, key).Select(s => new NamedReference(s.Value, s.Span))]; return true;
            case "listen" when isHandler: task.Listen = [.. reader.Strings(value, key).Select(s => s.Value)]; return true;
            case "tags": task.Tags = [.. reader.Strings(value, key).Select(s => s.Value)]; return true;
            case "ignore_errors": task.IgnoreErrors = reader.Bool(value, key) ?? false; return true;
            case "changed_when": task.ChangedWhen = Condition(reader, value, key); return true;
            case "failed_when": task.FailedWhen = Condition(reader, value, key); return true;
            case "until": task.Until = Condition(reader, value, key); return true;
            case "retries": task.Retries = reader.Int(value, key) ?? 0; return true;
            case "delay": task.Delay = reader.Int(value, key) ?? 0; return true;
            case "vars": task.Vars = reader.Variables(value, key); return true;
            case "become": task.Become = reader.Bool(value, key); return true;
            case "become_user": task.BecomeUser = reader.String(value, key); return true;
            case "throttle": task.Throttle = reader.Int(value, key, 1); return true;
            default: return false;
        }
    }

    /// <summary>A condition written as one expression or as a list of expressions that must all hold.</summary>
    private static string? Condition(YamlReader reader, YamlNode value, string key)
    {
        if (value is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        var parts = reader.Strings(value, key).Select(s => s.Value).ToList();
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static string Describe(YamlNode value) =>
        value is YamlScalarNode { Value: { } text } ? text : string.Empty;
}
