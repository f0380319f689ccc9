using Converge.Core.Diagnostics;
using Converge.Core.Playbooks.Roles;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>
/// Dynamic includes: an <c>include_tasks</c>/<c>include_role</c> whose name is a template, or that loops or has
/// <c>apply:</c>, is one task at load; the runner calls <see cref="ExpandInclude"/> when a host reaches it, and
/// the run's loader validates it beforehand whenever its name is known before the run.
/// </summary>
public sealed partial class PlaybookLoader
{
    private static readonly string[] ApplyKeys = ["when", "become", "become_user", "vars", "tags", "ignore_errors"];

    private TaskDefinition? LoadInclude(YamlReader reader, YamlMappingNode node, string keyword, string name, YamlNode nameNode, TaskContext context, bool isHandler, RoleReference? role)
    {
        var task = new TaskBuilder();
        var apply = new TaskScope();
        var applyTags = new List<string>();
        foreach (var (keyNode, value) in node.Children)
        {
            var key = ModuleNames.Short(YamlValues.KeyText(keyNode));
            switch (key)
            {
                case "include_tasks" or "include" or "include_role":
                    // Its options: file: (read by the caller) and apply:; include_role's are the role's (name, tasks_from, …).
                    if (value is YamlMappingNode options && options.Children.TryGetValue(new YamlScalarNode("apply"), out var applied))
                    {
                        (apply, applyTags) = Apply(reader, applied);
                    }

                    break;
                case "name": task.Name = reader.String(value, key); break;
                case "when": task.When = Condition(reader, value, key); break;
                case "loop": SetLoop(reader, task, keyNode, value, null); break;
                case "loop_control": task.LoopControl = ReadLoopControl(reader, value); break;
                case var loop when loop.StartsWith("with_", StringComparison.Ordinal): SetLoop(reader, task, keyNode, value, loop["with_".Length..]); break;
                case "vars": task.Vars = reader.Variables(value, key); break;
                case "tags": task.Tags = [.. reader.Strings(value, key).Select(s => s.Value)]; break;
                case "ignore_errors": task.IgnoreErrors = reader.Bool(value, key); break;

                // As in Ansible, these apply to the include itself (which runs nothing on the host), not to the
                // included tasks: those take keywords from `apply:`.
                case "become": task.Become = reader.Bool(value, key); break;
                case "become_user": task.BecomeUser = reader.String(value, key); break;
                default:
                    reader.Error(keyNode, $"{keyword}: '{key}' is not supported beside it yet; it takes name, when, loop (or with_*), loop_control, vars, tags, ignore_errors, become and become_user (and apply: among its options)");
                    break;
            }
        }

        var definition = new IncludeDefinition
        {
            Keyword = keyword == "include" ? "include_tasks" : keyword,
            Name = name,
            NameSpan = reader.Span(nameNode),
            Apply = apply,
            ApplyTags = applyTags,
            Context = context,
            Source = reader.Source,
            Role = role,
        };
        var id = context.Play.NextId(isHandler);
        if (role is null && !definition.IsTemplated)
        {
            // The file is known now: read it with everything else (a missing file is a load error, located here).
            var preview = new PlayBuilder(context.Play.Index, $"{id}.preview");
            var path = context.TaskFile(name);
            if (context.Files.Select(Path.GetFullPath).Contains(Path.GetFullPath(path)))
            {
                reader.Error(nameNode, $"{keyword}: '{name}' includes itself (through {string.Join(" → ", context.Files.Select(Path.GetFileName))})");
            }
            else if (!File.Exists(path))
            {
                reader.Error(nameNode, $"{keyword}: '{name}' does not exist (looked for {path})");
            }
            else
            {
                LoadTaskFileAt(path, context with { Play = preview }, isHandler: false, reader.Diagnostics);
                definition = definition with { Preview = preview.Tasks };
            }
        }

        return task.Build(id, task.Name ?? $"{definition.Keyword} {name}", definition.Keyword, null, reader.File, reader.Span(node), reader.Span(nameNode), context.Play.Index, isHandler) with
        {
            Include = definition,
            Scope = context.Scope,
            Tags = [.. context.Tags, .. task.Tags],
        };
    }

    private static (TaskScope Scope, List<string> Tags) Apply(YamlReader reader, YamlNode value)
    {
        var scope = new TaskScope();
        var tags = new List<string>();
        if (reader.Mapping(value, "'apply'") is not { } mapping)
        {
            return (scope, tags);
        }

        foreach (var (keyNode, item) in mapping.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            switch (key)
            {
                case "when": scope = scope with { When = Condition(reader, item, key) }; break;
                case "become": scope = scope with { Become = reader.Bool(item, key) }; break;
                case "become_user": scope = scope with { BecomeUser = reader.String(item, key) }; break;
                case "vars": scope = scope with { Vars = reader.Variables(item, key) }; break;
                case "ignore_errors": scope = scope with { IgnoreErrors = reader.Bool(item, key) }; break;
                case "tags": tags.AddRange(reader.Strings(item, key).Select(s => s.Value)); break;
                default:
                    reader.Error(keyNode, $"apply: '{key}' is not supported yet{NameSuggestion.DidYouMean(key, ApplyKeys)}; apply takes {string.Join(", ", ApplyKeys)}");
                    break;
            }
        }

        return (scope, tags);
    }

    /// <summary>
    /// Reads the tasks a dynamic include names once its name is rendered (<paramref name="name"/>), for one host:
    /// inside <paramref name="scope"/> (the include's scope with its vars, loop item and <c>apply:</c>), with ids
    /// that start with <paramref name="idPrefix"/>. Problems (a missing file or role, bad tasks) go to
    /// <paramref name="diagnostics"/>, located in the files they are in.
    /// </summary>
    public IReadOnlyList<TaskDefinition> ExpandInclude(TaskDefinition include, string name, TaskScope scope, string idPrefix, DiagnosticBag diagnostics)
    {
        var definition = include.Include ?? throw new ArgumentException($"task '{include.Name}' is not a dynamic include", nameof(include));
        var reader = new YamlReader(definition.Source, diagnostics);
        var play = new PlayBuilder(definition.Context.Play.Index, idPrefix);
        var context = definition.Context with { Play = play, Scope = scope, Tags = [.. include.Tags, .. definition.ApplyTags] };
        if (definition.Role is { } role)
        {
            ExpandRole(reader, role with { Name = name }, context, []);
            if (play.Handlers.Count > 0)
            {
                diagnostics.Add(definition.NameSpan, $"include_role: role '{name}' has handlers, which Converge places in the graph before the run; a role named at run time cannot bring them yet (use roles: or import_role)");
            }

            return play.Tasks;
        }

        var path = context.TaskFile(name);
        if (context.Files.Select(Path.GetFullPath).Contains(Path.GetFullPath(path)))
        {
            diagnostics.Add(definition.NameSpan, $"include_tasks: '{name}' includes itself (through {string.Join(" → ", context.Files.Select(Path.GetFileName))})");
        }
        else if (!File.Exists(path))
        {
            diagnostics.Add(definition.NameSpan, $"include_tasks: '{name}' does not exist (looked for {path})");
        }
        else
        {
            LoadTaskFileAt(path, context, isHandler: false, diagnostics);
        }

        return play.Tasks;
    }
}
