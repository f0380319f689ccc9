using Converge.Core.Playbooks.Roles;
using Converge.Core.Templates;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>
/// Roles, expanded at load into the play's tasks and handlers: dependencies first (once per play unless
/// <c>allow_duplicates</c>), then the role's tasks inside a scope that carries its defaults (lowest
/// precedence), its vars and params (above play vars), its when, become and tags.
/// </summary>
public sealed partial class PlaybookLoader
{
    private void LoadRoles(YamlReader reader, YamlNode node, TaskContext context)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (node is not YamlSequenceNode list)
        {
            reader.Error(node, $"'roles' must be a list of roles, not a {YamlReader.Describe(node)}");
            return;
        }

        foreach (var item in list.Children)
        {
            if (RoleReferenceReader.Read(reader, item, "a role") is { } reference)
            {
                ExpandRole(reader, reference, context, []);
            }
        }
    }

    /// <summary><c>import_role</c> (and <c>include_role</c> with a name known at load): the role's tasks in place.</summary>
    private void LoadRoleTask(YamlReader reader, YamlMappingNode node, string keyword, TaskContext context)
    {
        var entry = node.Children.First(c => ModuleNames.Short(YamlValues.KeyText(c.Key)) == keyword);
        if (RoleReferenceReader.Read(reader, entry.Value, keyword) is not { } reference)
        {
            return;
        }

        // include_role named by a template, or looping, or with apply: expanded when a host reaches it.
        var keys = node.Children.Keys.Select(YamlValues.KeyText).ToList();
        if (keyword == "include_role" && (TemplateEngine.IsTemplated(reference.Name) || keys.Any(IsLoopKey) || (entry.Value is YamlMappingNode options && options.Children.ContainsKey(new YamlScalarNode("apply")))))
        {
            if (LoadInclude(reader, node, keyword, reference.Name, entry.Value, context, isHandler: false, reference) is { } include)
            {
                context.Play.Tasks.Add(include);
            }

            return;
        }

        foreach (var (keyNode, value) in node.Children.Where(c => c.Key != entry.Key))
        {
            var key = YamlValues.KeyText(keyNode);
            switch (key)
            {
                case "name": break;
                case "when": reference = reference with { When = Condition(reader, value, key) }; break;
                case "tags": reference = reference with { Tags = [.. reader.Strings(value, key).Select(s => s.Value)] }; break;
                case "vars": reference = reference with { Params = new Dictionary<string, object?>(reference.Params.Concat(reader.Variables(value, key))) }; break;
                case "become": reference = reference with { Become = reader.Bool(value, key) }; break;
                case "become_user": reference = reference with { BecomeUser = reader.String(value, key) }; break;
                default: reader.Error(keyNode, $"{keyword}: '{key}' is not supported beside it yet; it takes name, when, tags, vars, become and become_user"); break;
            }
        }

        if (reference.Name.Contains("{{", StringComparison.Ordinal))
        {
            reader.Error(entry.Value, $"{keyword}: the role name '{reference.Name}' is a template; import_role is static (read when the playbook loads): use include_role for a name known only at run time");
            return;
        }

        ExpandRole(reader, reference, context, []);
    }

    private void ExpandRole(YamlReader reader, RoleReference reference, TaskContext context, IReadOnlyList<string> chain)
    {
        var playbookDirectory = Path.GetDirectoryName(Path.GetFullPath(context.Files[0]))!;
        var path = RoleFiles.Locate(reference.Name, playbookDirectory, rolesPath ?? [], out var looked);
        if (path is null)
        {
            reader.Error(reference.Node, $"role '{reference.Name}' not found; looked in {string.Join(", ", looked)}");
            return;
        }

        if (chain.Contains(path))
        {
            reader.Error(reference.Node, $"role '{reference.Name}' depends on itself: {string.Join(" → ", chain.Append(path).Select(Path.GetFileName))}");
            return;
        }

        var diagnostics = reader.Diagnostics;
        var meta = RoleMeta.Read(path, diagnostics);
        if (!context.Play.ExpandedRoles.Add(reference.Key(path)) && !meta.AllowDuplicates)
        {
            return;
        }

        var outer = context.Within(new TaskScope { Parent = context.Scope, When = reference.When, Become = reference.Become, BecomeUser = reference.BecomeUser }, reference.Tags);
        foreach (var dependency in meta.Dependencies)
        {
            ExpandRole(meta.Reader ?? reader, dependency, outer, [.. chain, path]);
        }

        var name = Path.GetFileName(path);
        var vars = new Dictionary<string, object?>(RoleFiles.Variables(path, "vars", reference.VarsFrom, diagnostics), StringComparer.Ordinal);
        var role = new RoleInstance(name, path) { Defaults = RoleFiles.Variables(path, "defaults", reference.DefaultsFrom, diagnostics), Vars = vars };
        context.Play.Roles.Add(role);
        foreach (var (key, value) in reference.Params)
        {
            vars[key] = value;
        }

        vars["role_name"] = name;
        vars["role_path"] = path;
        var inner = outer with
        {
            Scope = new TaskScope { Parent = outer.Scope, Vars = vars, Defaults = role.Defaults, Role = role },
            Directory = Path.Combine(path, "tasks"),
            Role = role,
        };
        var tasks = RoleFiles.Find(path, "tasks", reference.TasksFrom);
        var handlers = RoleFiles.Find(path, "handlers", reference.HandlersFrom);
        if (tasks is not null)
        {
            LoadTaskFileAt(tasks, inner, isHandler: false, diagnostics);
        }
        else if (reference.TasksFrom != "main" || (handlers is null && meta.Dependencies.Count == 0))
        {
            reader.Error(reference.Node, $"role '{reference.Name}' has no tasks/{reference.TasksFrom}.yml (in {path})");
        }

        if (handlers is not null)
        {
            LoadTaskFileAt(handlers, inner, isHandler: true, diagnostics);
        }
        else if (reference.HandlersFrom != "main")
        {
            reader.Error(reference.Node, $"role '{reference.Name}' has no handlers/{reference.HandlersFrom}.yml (in {path})");
        }
    }
}
