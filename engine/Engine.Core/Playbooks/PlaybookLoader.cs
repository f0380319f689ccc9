using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>
/// Loads a playbook file into plays and task definitions, reporting every structural problem
/// (malformed YAML, wrong types, unknown keys, unknown or missing modules) with file:line:col.
/// Static structure (<c>import_playbook</c>, <c>roles:</c>, <c>import_role</c>, <c>import_tasks</c>, blocks,
/// role dependencies) is expanded here into plain task definitions, so everything is validated before any
/// host is contacted. Module params are kept as YAML nodes; they are bound and validated per host by the validator.
/// </summary>
/// <param name="moduleNames">The modules tasks may use.</param>
/// <param name="rolesPath">Extra folders roles are looked up in (<c>-r</c>, <c>ansible.cfg</c>'s <c>roles_path</c>), after the playbook's <c>roles/</c>.</param>
/// <param name="refusedModules">Modules Converge knows of but refuses, with the reason given at validation.</param>
public sealed partial class PlaybookLoader(IReadOnlyCollection<string> moduleNames, IReadOnlyList<string>? rolesPath = null, IReadOnlyDictionary<string, string>? refusedModules = null)
{
    private static readonly string[] PlayKeys =
        ["name", "hosts", "vars", "vars_files", "become", "become_user", "pre_tasks", "roles", "tasks", "post_tasks", "handlers",
         "serial", "throttle", "tags", "gather_facts", "gather_subset", "connection", "any_errors_fatal", "max_fail_percentage", "vars_prompt"];

    /// <summary>Play keywords Ansible has that Converge accepts without acting on them yet; <c>converge validate</c> names them.</summary>
    private static readonly string[] UnenforcedPlayKeys =
        ["ignore_unreachable", "ignore_errors", "debugger", "diff", "timeout",
         "collections", "module_defaults", "order", "strategy", "force_handlers", "gather_timeout",
         "fact_path", "remote_user", "become_method", "become_flags", "environment", "no_log", "check_mode", "run_once"];

    public Playbook? Load(string path, DiagnosticBag diagnostics)
    {
        var plays = new List<Play>();
        var loaded = LoadFile(path, [], diagnostics, plays, importScope: null);
        return loaded ? new Playbook(path, plays) : null;
    }

    private bool LoadFile(string path, IReadOnlyList<string> stack, DiagnosticBag diagnostics, List<Play> plays, ImportedPlaybook? importScope)
    {
        var file = YamlFile.Load(path, diagnostics);
        if (file is null)
        {
            return false;
        }

        var reader = new YamlReader(file, diagnostics);
        if (file.Root is not YamlSequenceNode items)
        {
            diagnostics.Add(file.Root is null ? new SourceSpan(path, 1, 1) : file.SpanOf(file.Root), "a playbook must be a list of plays (each starting with '- name:' and 'hosts:')");
            return false;
        }

        foreach (var node in items.Children)
        {
            if (reader.Mapping(node, "a play") is not { } mapping)
            {
                continue;
            }

            if (ImportedPlaybook.Read(reader, mapping, path) is { } import)
            {
                LoadImport(reader, import, importScope, stack.Append(path).ToList(), diagnostics, plays);
            }
            else if (LoadPlay(reader, mapping, plays.Count, importScope) is { } play)
            {
                plays.Add(play);
            }
        }

        return true;
    }

    private void LoadImport(YamlReader reader, ImportedPlaybook import, ImportedPlaybook? outer, List<string> stack, DiagnosticBag diagnostics, List<Play> plays)
    {
        if (import.File.Contains("{{", StringComparison.Ordinal))
        {
            reader.Error(import.Node, $"import_playbook: the file name '{import.File}' must be known when the playbook loads, not a template");
            return;
        }

        var target = Path.Combine(Path.GetDirectoryName(stack[^1])!, import.File);
        if (stack.Select(Path.GetFullPath).Contains(Path.GetFullPath(target)))
        {
            reader.Error(import.Node, $"import_playbook: '{import.File}' imports itself (through {string.Join(" → ", stack.Select(Path.GetFileName))})");
        }
        else if (!File.Exists(target))
        {
            reader.Error(import.Node, $"import_playbook: '{import.File}' does not exist (looked for {target})");
        }
        else
        {
            LoadFile(target, stack, diagnostics, plays, import.Within(outer));
        }
    }
}
