using System.Collections.Concurrent;
using Converge.Core.Diagnostics;
using Converge.Core.Playbooks;
using Converge.Core.Templates;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Running;

/// <summary>
/// Validation of the controller files tasks read: a <c>template</c>'s source must exist, parse (unknown filters
/// included) and render without undefined variables; a <c>copy</c>'s <c>src</c> must exist. Found before any
/// host is contacted, so apply never fails midway on them after earlier tasks changed a host.
/// </summary>
public sealed partial class RunLoader
{
    /// <summary>Names only known at run time: registered results, set_fact and include_vars variables, the loop item, gathered facts.</summary>
    private HashSet<string> DeferredNames(LoadedRun run)
    {
        var deferred = run.Playbook.Plays.SelectMany(p => p.Tasks.Concat(p.Handlers)).Select(t => t.Register).OfType<string>().ToHashSet(StringComparer.Ordinal);
        deferred.UnionWith(["item", "ansible_loop", "ansible_loop_var", "ansible_index_var"]);

        // loop_control's names hold the loop's item and index, known only per item.
        foreach (var control in run.Playbook.Plays.SelectMany(p => p.Tasks.Concat(p.Handlers)).Select(t => t.LoopControl))
        {
            deferred.UnionWith(new[] { control.LoopVar, control.IndexVar }.OfType<string>());
        }

        // include_vars' names come from the files it may read.
        foreach (var task in run.Playbook.Plays.SelectMany(p => p.Tasks.Concat(p.Handlers)).Where(t => t.Module == "include_vars"))
        {
            deferred.UnionWith(IncludedVarNames.Of(task, run.Playbook.Directory));
        }

        // set_fact's names are known when the playbook loads; their values only when the task runs.
        foreach (var task in run.Playbook.Plays.SelectMany(p => p.Tasks.Concat(p.Handlers)).Where(t => t.Module == "set_fact"))
        {
            foreach (var key in (task.Params as YamlMappingNode)?.Children.Keys.OfType<YamlScalarNode>() ?? [])
            {
                if (key.Value is { } name && name != "cacheable")
                {
                    deferred.Add(name);
                }
            }
        }

        // Modules that set facts (getent, service_facts) say which, from their params.
        foreach (var task in run.Playbook.Plays.SelectMany(p => p.Tasks.Concat(p.Handlers)))
        {
            if (modules.TryGet(task.Module, out var module) && module is Modules.ISetsFacts facts)
            {
                deferred.UnionWith(facts.FactNames(task.Params));
            }
        }

        // Set for a block's rescue when a task of the block fails.
        deferred.Add("ansible_failed_task");
        deferred.Add("ansible_failed_result");

        // Facts are known only once gathered (a play's gathering, or a setup task): their names are deferred.
        if (run.Playbook.Plays.Any(p => p.GatherFacts != false) || run.Playbook.Plays.SelectMany(p => p.Tasks).Any(t => t.Module == "setup"))
        {
            deferred.Add("ansible_facts");
            deferred.Add(FactPrefix);
        }

        return deferred;
    }

    private void ValidateLocalFiles(LoadedRun run, DiagnosticBag diagnostics)
    {
        var deferred = DeferredNames(run);
        var scope = new VariableScope(run, check: true);
        var found = new ConcurrentDictionary<(SourceSpan Span, string Message), byte>();
        Parallel.ForEach(run.Graph.Nodes.Where(n => n.Task.Module is "template" or "copy"), node =>
        {
            var task = node.Task;
            if (task.Params is not YamlMappingNode parameters || Value(parameters, "src") is not { } srcNode || Value(parameters, "remote_src") is YamlScalarNode { Value: "true" or "yes" or "True" })
            {
                return;
            }

            var vars = scope.For(node);
            string src;
            try
            {
                src = templates.RenderValue(srcNode.Value ?? string.Empty, vars) is string s ? s : string.Empty;
            }
            catch (ConvergeException)
            {
                return; // the params binding reports it, or it depends on run-time values
            }

            var folder = task.Module == "template" ? "templates" : "files";
            var role = task.Scope.InnermostRole();
            var path = Modules.ModuleContext.ResolveLocalPath(run.Playbook.Directory, role, src, folder);
            var span = YamlSpan.Of(task.File, srcNode);
            if (!File.Exists(path) && !(task.Module == "copy" && Directory.Exists(path)))
            {
                var looked = string.Join(", ", Modules.ModuleContext.SearchDirectories(run.Playbook.Directory, role, folder));
                found.TryAdd((span, $"task '{task.Name}': {task.Module}.src: '{src}' not found (looked in {looked})"), 0);
                return;
            }

            if (task.Module == "template")
            {
                ValidateTemplateFile(path, task, vars, deferred, (s, m) => found.TryAdd((s, m), 0));
            }
        });

        foreach (var (span, message) in found.Keys.OrderBy(k => k.Span.File, StringComparer.Ordinal).ThenBy(k => k.Span.Line).ThenBy(k => k.Span.Column))
        {
            diagnostics.Add(span, message);
        }
    }

    private void ValidateTemplateFile(string path, TaskDefinition task, IReadOnlyDictionary<string, object?> vars, HashSet<string> deferred, Action<SourceSpan, string> problem)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            problem(new SourceSpan(path, 0, 0), $"template cannot be read: {e.Message}");
            return;
        }

        if (TemplateEngine.TemplateError(text, file: true) is { } syntax)
        {
            problem(new SourceSpan(path, syntax.Line, syntax.Column), $"{syntax.Reason} (template of task '{task.Name}')");
            return;
        }

        try
        {
            templates.RenderFile(path, text, vars);
        }
        catch (UndefinedVariableException e) when (!IsDeferred(e.Variable, deferred))
        {
            problem(new SourceSpan(path, e.Line, e.Column), $"undefined variable '{e.Variable}' (template of task '{task.Name}')");
        }
        catch (ConvergeException)
        {
            // Other render errors can depend on values only known at run time; the run reports them with the host.
        }
    }

    private static YamlScalarNode? Value(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode k && k.Value == key).Value as YamlScalarNode;
}
