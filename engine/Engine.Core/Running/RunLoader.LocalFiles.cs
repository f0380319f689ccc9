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
        var all = AllTasks(run.Playbook.Plays.SelectMany(p => p.Tasks.Concat(p.Handlers))).ToList();
        var deferred = all.Select(t => t.Register).OfType<string>().ToHashSet(StringComparer.Ordinal);
        deferred.UnionWith(["item", "ansible_loop", "ansible_loop_var", "ansible_index_var"]);

        // loop_control's names hold the loop's item and index, known only per item.
        foreach (var control in all.Select(t => t.LoopControl))
        {
            deferred.UnionWith(new[] { control.LoopVar, control.IndexVar }.OfType<string>());
        }

        // include_vars' names come from the files it may read.
        foreach (var task in all.Where(t => t.Module == "include_vars"))
        {
            deferred.UnionWith(IncludedVarNames.Of(task, run.Playbook.Directory));
        }

        // set_fact's names are known when the playbook loads; their values only when the task runs. Names written as
        // templates (`set_fact: "{{ item.key }}={{ item.value }}"`) could be any name.
        foreach (var task in all.Where(t => t.Module == "set_fact"))
        {
            var keys = task.Params switch
            {
                YamlMappingNode mapping => mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).OfType<string>(),
                YamlScalarNode { Value: { } text } => FreeFormArguments.Keys(text),
                _ => [],
            };
            foreach (var name in keys.Where(k => k != "cacheable"))
            {
                deferred.Add(TemplateEngine.IsTemplated(name) ? KnownVariables.AnyName : name);
            }
        }

        // Modules that set facts (getent, service_facts) say which, from their params.
        foreach (var task in all)
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
        if (run.Playbook.Plays.Any(p => p.GatherFacts != false) || all.Any(t => t.Module == "setup"))
        {
            deferred.Add("ansible_facts");
            deferred.Add(FactPrefix);
        }

        return deferred;
    }

    /// <summary>The tasks and, for a dynamic include whose file is known at load, the tasks it reads.</summary>
    private static IEnumerable<TaskDefinition> AllTasks(IEnumerable<TaskDefinition> tasks) =>
        tasks.SelectMany(t => t.Include is { } include ? AllTasks(include.Preview).Prepend(t) : [t]);

    private void ValidateLocalFiles(LoadedRun run, DiagnosticBag diagnostics, IReadOnlyDictionary<string, string> unreachable)
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

            // A task no host reaches keeps its problems for the host that reaches it after all.
            void Found(SourceSpan span, string message)
            {
                if (unreachable.TryGetValue(task.Id, out var condition))
                {
                    run.Unreached.Add(task, [node.Host], condition, new Diagnostic(span, message));
                }
                else
                {
                    found.TryAdd((span, message), 0);
                }
            }

            var folder = task.Module == "template" ? "templates" : "files";
            var role = task.Scope.InnermostRole();
            var path = Modules.ModuleContext.ResolveLocalPath(run.Playbook.Directory, role, src, folder);
            var span = YamlSpan.Of(task.File, srcNode);
            if (!File.Exists(path) && !(task.Module == "copy" && Directory.Exists(path)))
            {
                var looked = string.Join(", ", Modules.ModuleContext.SearchDirectories(run.Playbook.Directory, role, folder));
                Found(span, $"task '{task.Name}': {task.Module}.src: '{src}' not found (looked in {looked})");
                return;
            }

            if (task.Module == "template")
            {
                ValidateTemplateFile(path, task, vars, deferred, Found);
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
