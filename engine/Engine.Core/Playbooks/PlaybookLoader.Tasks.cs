using Converge.Core.Diagnostics;
using Converge.Core.Templates;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>Task lists: plain tasks, blocks (a scope their tasks inherit), and static task-file imports.</summary>
public sealed partial class PlaybookLoader
{
    private static readonly string[] BlockKeys =
        ["name", "block", "rescue", "always", "when", "become", "become_user", "vars", "tags", "ignore_errors", "notify"];

    /// <summary>Task keywords Ansible also takes on a block (for its tasks to inherit) that Converge reads only on tasks so far.</summary>
    private static readonly string[] BlockKeywordsOfTasks = ["no_log", "check_mode", "delegate_to", "run_once", "connection", "any_errors_fatal"];

    private void LoadTasks(YamlReader reader, YamlNode node, TaskContext context, bool isHandler, string what)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (node is not YamlSequenceNode sequence)
        {
            reader.Error(node, $"'{what}' must be a list of tasks, not a {YamlReader.Describe(node)}");
            return;
        }

        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, isHandler ? "a handler" : "a task") is not { } mapping)
            {
                continue;
            }

            var keys = mapping.Children.Keys.Select(YamlValues.KeyText).Select(ModuleNames.Short).ToList();
            if (keys.Contains("block"))
            {
                LoadBlock(reader, mapping, context, isHandler);
            }
            else if (keys.Contains("meta"))
            {
                if (LoadMeta(reader, mapping, context, isHandler) is { } meta)
                {
                    (isHandler ? context.Play.Handlers : context.Play.Tasks).Add(meta);
                }
            }
            else if (keys.FirstOrDefault(k => k is "import_tasks" or "include_tasks" or "include") is { } include)
            {
                LoadTaskFile(reader, mapping, include, context, isHandler);
            }
            else if (keys.FirstOrDefault(k => k is "import_role" or "include_role") is { } role)
            {
                LoadRoleTask(reader, mapping, role, context);
            }
            else if (LoadTask(reader, mapping, context, isHandler) is { } task)
            {
                (isHandler ? context.Play.Handlers : context.Play.Tasks).Add(task);
            }
        }
    }

    /// <summary>
    /// A block is a scope: its when, become, vars and ignore_errors flow into each of its tasks and its tags add
    /// to theirs. Its three lists are read in order (block, rescue, always) into one frame, each task knowing its
    /// section, so the runner decides per host which of them run (<c>Running/BlockStates</c>).
    /// </summary>
    private void LoadBlock(YamlReader reader, YamlMappingNode node, TaskContext context, bool isHandler)
    {
        var scope = new TaskScope { Parent = context.Scope };
        var tags = new List<string>();
        var lists = new List<(string Key, YamlNode Value)>();
        var notify = new List<NamedReference>();
        string? name = null;
        foreach (var (keyNode, value) in node.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            switch (key)
            {
                case "name": name = reader.String(value, key); break;
                case "when": scope = scope with { When = Condition(reader, value, key) }; break;
                case "become": scope = scope with { Become = reader.Bool(value, key) }; break;
                case "become_user": scope = scope with { BecomeUser = reader.String(value, key) }; break;
                case "vars": scope = scope with { Vars = reader.Variables(value, key) }; break;
                case "tags": tags.AddRange(reader.Strings(value, key).Select(s => s.Value)); break;
                case "ignore_errors": scope = scope with { IgnoreErrors = reader.Bool(value, key) }; break;
                case "notify": notify.AddRange(reader.Strings(value, key).Select(s => new NamedReference(s.Value, s.Span))); break;
                case "block" or "rescue" or "always": lists.Add((key, value)); break;
                default:
                    if (BlockKeywordsOfTasks.Contains(key))
                    {
                        reader.Error(keyNode, $"'{key}' on a block is not supported yet; put it on the block's tasks");
                    }
                    else if (!UnenforcedTaskKeys.Contains(key))
                    {
                        reader.Error(keyNode, $"unknown block key '{key}'{NameSuggestion.DidYouMean(key, BlockKeys)}; a block has {string.Join(", ", BlockKeys)}");
                    }

                    break;
            }
        }

        var frame = new BlockFrame(name, reader.Span(node), lists.Any(l => l.Key == "rescue" && l.Value is YamlSequenceNode { Children.Count: > 0 }));
        var loaded = isHandler ? context.Play.Handlers : context.Play.Tasks;
        var first = loaded.Count;
        foreach (var (key, value) in lists.OrderBy(l => l.Key switch { "block" => 0, "rescue" => 1, _ => 2 }))
        {
            var section = key switch { "block" => BlockSection.Block, "rescue" => BlockSection.Rescue, _ => BlockSection.Always };
            LoadTasks(reader, value, context.Within(scope with { Block = frame, Section = section }, tags), isHandler, key);
        }

        // As in Ansible, a block's notify is its tasks': each that changes notifies the block's handlers too.
        for (var i = first; i < loaded.Count && notify.Count > 0; i++)
        {
            loaded[i] = loaded[i] with { Notify = [.. loaded[i].Notify, .. notify.Where(n => !loaded[i].Notify.Any(o => o.Name == n.Name))] };
        }
    }

    /// <summary>
    /// <c>import_tasks</c> (and <c>include_tasks</c> whose file name and options are known at load: no template, no
    /// loop, no <c>apply</c>) are read now, their tasks inheriting the include's when, vars and tags. Any other
    /// <c>include_tasks</c> is dynamic: one task that the runner expands when a host reaches it (<see cref="LoadInclude"/>).
    /// </summary>
    /// <summary>A key that makes a task loop: <c>loop</c> or any <c>with_X</c>.</summary>
    private static bool IsLoopKey(string key) => key == "loop" || key.StartsWith("with_", StringComparison.Ordinal);

    private void LoadTaskFile(YamlReader reader, YamlMappingNode node, string keyword, TaskContext context, bool isHandler)
    {
        string? file = null;
        YamlNode? fileNode = null;
        // apply: is an option of include_tasks (beside file:), as in Ansible.
        var dynamic = keyword != "import_tasks" && (node.Children.Keys.Select(YamlValues.KeyText).Any(IsLoopKey)
            || node.Children.Values.OfType<YamlMappingNode>().Any(m => m.Children.ContainsKey(new YamlScalarNode("apply"))));
        var scope = new TaskScope { Parent = context.Scope };
        var tags = new List<string>();
        var topics = new List<string>();
        foreach (var (keyNode, value) in node.Children)
        {
            var key = ModuleNames.Short(YamlValues.KeyText(keyNode));
            switch (key)
            {
                case "import_tasks" or "include_tasks" or "include":
                    fileNode = value;
                    file = value is YamlMappingNode options && options.Children.TryGetValue(new YamlScalarNode("file"), out var f) ? reader.String(f, "file") : reader.String(value, key);
                    break;
                case "name":
                    // A handler that includes tasks is notified by its name (or listen topics): each task it reads answers to them.
                    if (isHandler && reader.String(value, key) is { } handlerName)
                    {
                        topics.Add(handlerName);
                    }

                    break;
                case "listen" when isHandler: topics.AddRange(reader.Strings(value, key).Select(s => s.Value)); break;
                case "when": scope = scope with { When = Condition(reader, value, key) }; break;
                case "vars": scope = scope with { Vars = reader.Variables(value, key) }; break;
                case "tags": tags.AddRange(reader.Strings(value, key).Select(s => s.Value)); break;
                case "become": scope = scope with { Become = reader.Bool(value, key) }; break;
                case "become_user": scope = scope with { BecomeUser = reader.String(value, key) }; break;
                case var loop when dynamic && (IsLoopKey(loop) || loop == "loop_control"): break;
                default:
                    reader.Error(keyNode, $"{keyword}: '{key}' is not supported beside it yet; it takes name, when, vars, tags, become and become_user{(keyword == "import_tasks" ? string.Empty : ", loop and apply")}");
                    break;
            }
        }

        if (file is null || fileNode is null)
        {
            return;
        }

        if (dynamic || (keyword != "import_tasks" && TemplateEngine.IsTemplated(file)))
        {
            if (LoadInclude(reader, node, keyword, file, fileNode, context, isHandler, role: null) is { } include)
            {
                (isHandler ? context.Play.Handlers : context.Play.Tasks).Add(include);
            }

            return;
        }

        if (TemplateEngine.IsTemplated(file))
        {
            reader.Error(fileNode, $"{keyword}: the file name '{file}' is a template; import_tasks is static (read when the playbook loads): use include_tasks for a name known only at run time");
            return;
        }

        var path = context.TaskFile(file);
        if (context.Files.Select(Path.GetFullPath).Contains(Path.GetFullPath(path)))
        {
            reader.Error(fileNode, $"{keyword}: '{file}' includes itself (through {string.Join(" → ", context.Files.Select(Path.GetFileName))})");
            return;
        }

        if (!File.Exists(path))
        {
            reader.Error(fileNode, $"{keyword}: '{file}' does not exist (looked for {path})");
            return;
        }

        var first = context.Play.Handlers.Count;
        LoadTaskFileAt(path, context.Within(scope, tags), isHandler, reader.Diagnostics);
        for (var i = first; isHandler && i < context.Play.Handlers.Count; i++)
        {
            var handler = context.Play.Handlers[i];
            context.Play.Handlers[i] = handler with { Listen = [.. handler.Listen, .. topics.Where(t => !handler.Listen.Contains(t))] };
        }
    }

    /// <summary>Reads a task file (a list of tasks) into the play, relative includes inside it resolving from its own folder.</summary>
    private void LoadTaskFileAt(string path, TaskContext context, bool isHandler, DiagnosticBag diagnostics)
    {
        var yaml = YamlFile.Load(path, diagnostics);
        if (yaml?.Root is null)
        {
            return;
        }

        var reader = new YamlReader(yaml, diagnostics);
        var directory = context.Role is null ? Path.GetDirectoryName(path)! : context.Directory;
        LoadTasks(reader, yaml.Root, context with { Directory = directory, Files = [.. context.Files, path] }, isHandler, Path.GetFileName(path));
    }
}
