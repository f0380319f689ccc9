using Converge.Core.Binding;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Inventory;
using Converge.Core.Modules;
using Converge.Core.Planning;
using Converge.Core.Playbooks;
using Converge.Core.Templates;
using Converge.Core.Variables;
using Converge.Core.Yaml;

namespace Converge.Core.Running;

/// <summary>Validation of every task's params and conditions on every host, before the run.</summary>
public sealed partial class RunLoader
{
    /// <summary>
    /// Binds every task's params on every host with the variables known before the run, so a typo or an
    /// undefined variable is found now. Names only known at run time (registered results, the loop item)
    /// defer the check of the values that use them to the run. A task no host reaches (<see cref="Reachability"/>)
    /// has its diagnostics kept in <paramref name="unreached"/> instead of reported; those tasks are returned
    /// with the condition that is false.
    /// </summary>
    private Dictionary<string, string> ValidateTasks(LoadedRun run, DiagnosticBag diagnostics, UnreachedTasks unreached)
    {
        var deferred = DeferredNames(run);
        var binder = new ParamsBinder(templates);
        var scope = new VariableScope(run, check: true);
        var nodes = run.Graph.Nodes.Where(n => !n.Task.IsControl).ToList();
        var unreachable = Unreachable(nodes, scope, deferred);
        var problems = new System.Collections.Concurrent.ConcurrentDictionary<TaskProblem, System.Collections.Concurrent.ConcurrentBag<string>>();
        Parallel.ForEach(nodes, node =>
        {
            void Problem(SourceSpan span, string detail) => problems.GetOrAdd(new TaskProblem(span, node.Task.Id, node.Task.HidesDetails ? NoLogDetail : detail), _ => []).Add(node.Host);
            try
            {
                ValidateTask(node, binder, scope, deferred, Problem);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Any failure while checking one task (a template engine or a module validator throwing
                // something unexpected) is that task's diagnostic: the others are still checked and shown.
                Problem(node.Task.ModuleSpan, e.Message);
            }
        });

        var hostsOf = nodes.GroupBy(n => n.Task.Id).ToDictionary(g => g.Key, g => g.Select(n => n.Host).ToList(), StringComparer.Ordinal);
        var tasks = nodes.Select(n => n.Task).DistinctBy(t => t.Id).ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var task in tasks.Values)
        {
            foreach (var found in task.Problems)
            {
                Report(task, found);
            }
        }

        // The same problem on many hosts is one diagnostic that names them.
        foreach (var (problem, hosts) in problems)
        {
            var names = hosts.Distinct().Order(StringComparer.Ordinal).ToList();
            var where = names.Count == run.Graph.Hosts.Count && names.Count > 1 ? " on every host"
                : names.Count <= 3 ? $" on {string.Join(", ", names)}"
                : $" on {string.Join(", ", names.Take(3))} and {names.Count - 3} more";
            var task = tasks[problem.TaskId];
            Report(task, new Diagnostic(problem.Span, $"task '{task.Name}'{where}: {problem.Detail}") { Names = [task.Name, .. names] });
        }

        void Report(TaskDefinition task, Diagnostic diagnostic)
        {
            if (unreachable.TryGetValue(task.Id, out var condition))
            {
                unreached.Add(task, hostsOf[task.Id], condition, diagnostic);
            }
            else
            {
                diagnostics.Add(diagnostic);
            }
        }

        return unreachable;
    }

    /// <summary>The tasks whose condition is false on every host they are on, before the run, with that condition.</summary>
    private Dictionary<string, string> Unreachable(IReadOnlyList<GraphNode> nodes, VariableScope scope, HashSet<string> deferred)
    {
        var reach = new Reachability(templates, deferred, assumeFacts: deferred.Contains(FactPrefix));
        var falseBy = new System.Collections.Concurrent.ConcurrentDictionary<GraphNode, string?>();
        Parallel.ForEach(nodes, node => falseBy[node] = reach.FalseCondition(node, scope.For(node)));
        return nodes.GroupBy(n => n.Task.Id)
            .Where(g => g.All(n => falseBy[n] is not null))
            .ToDictionary(g => g.Key, g => falseBy[g.First()]!, StringComparer.Ordinal);
    }

    private void ValidateTask(GraphNode node, ParamsBinder binder, VariableScope scope, HashSet<string> deferred, Action<SourceSpan, string> problem)
    {
        var task = node.Task;
        var vars = scope.For(node);
        ValidateCondition(task.When, "when", task, vars, deferred, problem);
        ValidateCondition(task.ChangedWhen, "changed_when", task, vars, deferred, problem);
        ValidateCondition(task.FailedWhen, "failed_when", task, vars, deferred, problem);
        ValidateCondition(task.Until, "until", task, vars, deferred, problem);
        foreach (var keyword in task.KeywordTemplates)
        {
            ValidateKeyword(keyword, vars, deferred, problem);
        }

        // A module Converge does not have is the task's own problem (TaskDefinition.Problems): there are no params to bind.
        if (!modules.TryGet(task.Module, out var module))
        {
            return;
        }

        foreach (var itemVars in ItemVariables(task, vars, problem))
        {
            try
            {
                binder.Bind(module, task.Params, task.File, task.ModuleSpan, itemVars);
            }
            catch (BindingException e)
            {
                foreach (var issue in e.Problems.Where(p => p.Kind != DiagnosticKind.UndefinedVariable || !IsDeferred(p.Names[0], deferred)))
                {
                    problem(issue.Span, issue.Message);
                }
            }
        }
    }

    /// <summary>
    /// The variables to validate a task with: one set per loop item when the loop can be evaluated before
    /// the run, else the plain variables (values using <c>item</c> are then checked at run time).
    /// </summary>
    private IEnumerable<IReadOnlyDictionary<string, object?>> ItemVariables(TaskDefinition task, IReadOnlyDictionary<string, object?> vars, Action<SourceSpan, string> problem)
    {
        if (task.Loop is null)
        {
            return [vars];
        }

        if (LoopItems.RunTimeOnly(task))
        {
            return [vars];
        }

        try
        {
            return LoopItems.Of(task, vars, templates).Select(i =>
            {
                var itemVars = new Dictionary<string, object?>(vars);
                VariableMerge.Overlay(itemVars, i.Variables);
                return (IReadOnlyDictionary<string, object?>)itemVars;
            });
        }
        catch (UndefinedVariableException)
        {
            return [vars];
        }
        catch (ConvergeException e)
        {
            problem(YamlSpan.Of(task.File, task.Loop), $"loop: {e.Message}");
            return [];
        }
    }

    /// <summary>A deferred entry that stands for every <c>ansible_NAME</c> fact variable (interface facts cannot be listed before gathering).</summary>
    private const string FactPrefix = "ansible_*";

    /// <summary>
    /// Whether an undefined variable (its path, e.g. <c>r.stdout</c>) is one only known at run time: a registered
    /// result, the loop item or a fact, directly or as another host's (<c>hostvars.builder.debs</c>).
    /// </summary>
    private static bool IsDeferred(string variable, HashSet<string> deferred)
    {
        var parts = variable.Split('.');
        var root = parts[0].Split('[')[0];
        return Known(root) || (root == "hostvars" && parts.Length >= 3 && Known(parts[2].Split('[')[0]));

        // A set_fact whose names are templates (KnownVariables.AnyName) may define any name.
        bool Known(string name) => deferred.Contains(name) || deferred.Contains(KnownVariables.AnyName)
            || (deferred.Contains(FactPrefix) && name.StartsWith("ansible_", StringComparison.Ordinal));
    }

    private void ValidateCondition(string? condition, string keyword, TaskDefinition task, IReadOnlyDictionary<string, object?> vars, HashSet<string> deferred, Action<SourceSpan, string> problem)
    {
        if (condition is null)
        {
            return;
        }

        var at = task.ConditionSpans.GetValueOrDefault(keyword, task.Span);
        try
        {
            templates.Evaluate(condition, vars);
        }
        catch (UndefinedVariableException e) when (IsDeferred(e.Variable, deferred))
        {
        }
        catch (UndefinedVariableException e)
        {
            problem(at, $"{keyword}: undefined variable '{e.Variable}'");
        }
        catch (TemplateSyntaxException e)
        {
            problem(at, $"{keyword}: {e.Message}");
        }
        catch (TemplateRuntimeException e)
        {
            problem(at, $"task '{task.Name}'{{0}}: {keyword}: {e.Message}");
        }
    }

    /// <summary>
    /// A keyword written as a template, rendered with the variables known before the run: a value of the wrong
    /// type is reported now; one that uses a name known only at run time is checked when the task runs.
    /// </summary>
    private void ValidateKeyword(KeywordTemplate keyword, IReadOnlyDictionary<string, object?> vars, HashSet<string> deferred, Action<SourceSpan, string> problem)
    {
        try
        {
            var value = templates.RenderValue(keyword.Text, vars);
            if (!TaskKeywords.Fits(keyword, value))
            {
                problem(keyword.Span, TaskKeywords.Problem(keyword, value));
            }
        }
        catch (UndefinedVariableException e) when (IsDeferred(e.Variable, deferred))
        {
        }
        catch (ConvergeException e)
        {
            problem(keyword.Span, $"{keyword.Keyword}: {e.Message}");
        }
    }

    /// <summary>One problem of one task, the same on every host that has it.</summary>
    private sealed record TaskProblem(SourceSpan Span, string TaskId, string Detail);
}
