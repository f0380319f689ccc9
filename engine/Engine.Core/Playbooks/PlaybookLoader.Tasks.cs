using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>Task lists: plain tasks, blocks (a scope their tasks inherit), and static task-file imports.</summary>
public sealed partial class PlaybookLoader
{
    private static readonly string[] BlockKeys =
        ["name", "block", "rescue", "always", "when", "become", "become_user", "vars", "tags", "ignore_errors"];

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
    /// A block is a scope: its when, become and vars flow into each of its tasks and its tags add to theirs.
    /// <c>always</c> tasks follow the block's; <c>rescue</c> needs the runner's failure handling and is reported.
    /// </summary>
    private void LoadBlock(YamlReader reader, YamlMappingNode node, TaskContext context, bool isHandler)
    {
        var scope = new TaskScope { Parent = context.Scope };
        var tags = new List<string>();
        var lists = new List<(string Key, YamlNode Value)>();
        foreach (var (keyNode, value) in node.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            switch (key)
            {
                case "name": reader.String(value, key); break;
                case "when": scope = scope with { When = Condition(reader, value, key) }; break;
                case "become": scope = scope with { Become = reader.Bool(value, key) }; break;
                case "become_user": scope = scope with { BecomeUser = reader.String(value, key) }; break;
                case "vars": scope = scope with { Vars = reader.Variables(value, key) }; break;
                case "tags": tags.AddRange(reader.Strings(value, key).Select(s => s.Value)); break;
                case "block" or "always": lists.Add((key, value)); break;
                case "rescue":
                    reader.Error(keyNode, "rescue: a block's rescue section is not supported yet (Converge runs block and always; a failure in the block fails the host)");
                    break;
                case "ignore_errors":
                    reader.Error(keyNode, "ignore_errors on a block is not supported yet; put it on the tasks");
                    break;
                default:
                    if (!UnenforcedTaskKeys.Contains(key))
                    {
                        reader.Error(keyNode, $"unknown block key '{key}'{NameSuggestion.DidYouMean(key, BlockKeys)}; a block has {string.Join(", ", BlockKeys)}");
                    }

                    break;
            }
        }

        var inner = context.Within(scope, tags);
        foreach (var (key, value) in lists)
        {
            LoadTasks(reader, value, inner, isHandler, key);
        }
    }

    /// <summary>
    /// <c>import_tasks</c> (and <c>include_tasks</c> whose file name and options are known at load: no template,
    /// no loop) are read now, their tasks inheriting the include's when, vars and tags. An include whose file name
    /// is a template depends on run-time values, which Converge cannot expand yet: reported as such.
    /// </summary>
    private void LoadTaskFile(YamlReader reader, YamlMappingNode node, string keyword, TaskContext context, bool isHandler)
    {
        string? file = null;
        YamlNode? fileNode = null;
        var scope = new TaskScope { Parent = context.Scope };
        var tags = new List<string>();
        foreach (var (keyNode, value) in node.Children)
        {
            var key = ModuleNames.Short(YamlValues.KeyText(keyNode));
            switch (key)
            {
                case "import_tasks" or "include_tasks" or "include":
                    fileNode = value;
                    file = value is YamlMappingNode options && options.Children.TryGetValue(new YamlScalarNode("file"), out var f) ? reader.String(f, "file") : reader.String(value, key);
                    break;
                case "name": break;
                case "when": scope = scope with { When = Condition(reader, value, key) }; break;
                case "vars": scope = scope with { Vars = reader.Variables(value, key) }; break;
                case "tags": tags.AddRange(reader.Strings(value, key).Select(s => s.Value)); break;
                case "become": scope = scope with { Become = reader.Bool(value, key) }; break;
                case "become_user": scope = scope with { BecomeUser = reader.String(value, key) }; break;
                default:
                    reader.Error(keyNode, $"{keyword}: '{key}' is not supported beside it yet; it takes name, when, vars, tags, become and become_user");
                    break;
            }
        }

        if (file is null || fileNode is null)
        {
            return;
        }

        if (file.Contains("{{", StringComparison.Ordinal) || file.Contains("{%", StringComparison.Ordinal))
        {
            reader.Error(fileNode, $"{keyword}: the file name '{file}' depends on run-time values; Converge expands only includes whose file is known when the playbook loads");
            return;
        }

        var path = Path.Combine(context.Directory, file);
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

        LoadTaskFileAt(path, context.Within(scope, tags), isHandler, reader.Diagnostics);
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
