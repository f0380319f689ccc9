using Converge.Core.Binding;
using Converge.Core.Diagnostics;
using Converge.Core.Inventory;
using Converge.Core.Modules;
using Converge.Core.Planning;
using Converge.Core.Playbooks;
using Converge.Core.Templates;
using Converge.Core.Yaml;

namespace Converge.Core.Running;

/// <summary>Validation of connection variables and of every task's params on every host, before the run.</summary>
public sealed partial class RunLoader
{
    /// <summary>Connection variables (port, key file, become) are checked now, not when the host is contacted.</summary>
    private static void ValidateConnections(LoadedRun run, DiagnosticBag diagnostics)
    {
        foreach (var host in run.Graph.Hosts)
        {
            try
            {
                Connections.HostConnectionSettings.FromVariables(host, run.HostVariables[host]);
            }
            catch (ConfigurationException e)
            {
                foreach (var problem in e.Diagnostics)
                {
                    // The message reads "host H: VARIABLE: 'value' is not valid; hint": point at where VARIABLE was set.
                    var parts = problem.Message.Split(": ", 3);
                    var span = problem.Span.IsKnown || parts.Length < 3 ? problem.Span : run.Inventory.OriginOf(host, parts[1]);
                    diagnostics.Add(span, problem.Message);
                }
            }
        }
    }

    /// <summary>
    /// Binds every task's params on every host with the variables known before the run, so a typo or an
    /// undefined variable is found now. Names only known at run time (registered results, the loop item)
    /// defer the check of the values that use them to the run.
    /// </summary>
    private void ValidateTasks(LoadedRun run, DiagnosticBag diagnostics)
    {
        var deferred = DeferredNames(run);
        var binder = new ParamsBinder(templates);
        var scope = new VariableScope(run, check: true);
        var problems = new System.Collections.Concurrent.ConcurrentDictionary<Diagnostic, System.Collections.Concurrent.ConcurrentBag<string>>();
        Parallel.ForEach(run.Graph.Nodes, node =>
        {
            var task = node.Task;
            var module = modules.Get(task.Module);
            var vars = scope.For(node);
            void Problem(SourceSpan span, string message) => problems.GetOrAdd(new Diagnostic(span, message), _ => []).Add(node.Host);
            ValidateCondition(task.When, "when", task, vars, deferred, Problem);
            ValidateCondition(task.ChangedWhen, "changed_when", task, vars, deferred, Problem);
            ValidateCondition(task.FailedWhen, "failed_when", task, vars, deferred, Problem);
            ValidateCondition(task.Until, "until", task, vars, deferred, Problem);
            foreach (var itemVars in ItemVariables(task, vars, Problem))
            {
                try
                {
                    binder.Bind(module, task.Params, task.File, task.ModuleSpan, itemVars);
                }
                catch (BindingException e)
                {
                    foreach (var problem in e.Problems.Where(p => !deferred.Any(name => IsUndefined(p.Message, name))))
                    {
                        Problem(problem.Span, $"task '{task.Name}'{{0}}: {problem.Message}");
                    }
                }
            }
        });

        // The same problem on many hosts is one diagnostic that names them.
        foreach (var (problem, hosts) in problems)
        {
            var names = hosts.Distinct().Order(StringComparer.Ordinal).ToList();
            var where = names.Count == run.Graph.Hosts.Count && names.Count > 1 ? " on every host"
                : names.Count <= 3 ? $" on {string.Join(", ", names)}"
                : $" on {string.Join(", ", names.Take(3))} and {names.Count - 3} more";
            diagnostics.Add(problem.Span, problem.Message.Replace("{0}", where, StringComparison.Ordinal));
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

        try
        {
            return LoopItems.Of(task, vars, templates).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(vars) { ["item"] = i.Item });
        }
        catch (UndefinedVariableException)
        {
            return [vars];
        }
        catch (ConvergeException e)
        {
            problem(YamlSpan.Of(task.File, task.Loop), $"task '{task.Name}'{{0}}: loop: {e.Message}");
            return [];
        }
    }

    /// <summary>A deferred entry that stands for every <c>ansible_NAME</c> fact variable (interface facts cannot be listed before gathering).</summary>
    private const string FactPrefix = "ansible_*";

    private static bool IsDeferred(HashSet<string> deferred, string variable) =>
        deferred.Contains(variable.Split('.', '[')[0]) || (deferred.Contains(FactPrefix) && variable.StartsWith("ansible_", StringComparison.Ordinal));

    private static bool IsUndefined(string message, string name) =>
        name == FactPrefix ? message.Contains("undefined variable 'ansible_", StringComparison.Ordinal) :
        message.Contains($"undefined variable '{name}'", StringComparison.Ordinal)
        || message.Contains($"undefined variable '{name}.", StringComparison.Ordinal)
        || message.Contains($"undefined variable '{name}[", StringComparison.Ordinal)
        || RegisteredThroughHostvars(message, name);

    /// <summary>Another host's registered result, e.g. <c>hostvars[groups.builder[0]].debs</c>, is only known at run time too.</summary>
    private static bool RegisteredThroughHostvars(string message, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(message, $@"undefined variable 'hostvars\.[^.'\[]+\.{System.Text.RegularExpressions.Regex.Escape(name)}['.\[]");

    private void ValidateCondition(string? condition, string keyword, TaskDefinition task, IReadOnlyDictionary<string, object?> vars, HashSet<string> deferred, Action<SourceSpan, string> problem)
    {
        if (condition is null)
        {
            return;
        }

        try
        {
            templates.Evaluate(condition, vars);
        }
        catch (UndefinedVariableException e) when (IsDeferred(deferred, e.Variable))
        {
        }
        catch (UndefinedVariableException e)
        {
            problem(task.Span, $"task '{task.Name}'{{0}}: {keyword}: undefined variable '{e.Variable}'");
        }
        catch (TemplateSyntaxException e)
        {
            problem(task.Span, $"task '{task.Name}'{{0}}: {keyword}: {e.Message}");
        }
        catch (TemplateRuntimeException e)
        {
            problem(task.Span, $"task '{task.Name}'{{0}}: {keyword}: {e.Message}");
        }
    }
}
