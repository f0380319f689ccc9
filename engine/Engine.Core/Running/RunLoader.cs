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
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Running;

/// <summary>
/// Load and validate everything before any host is contacted: inventory, extra vars, playbook, planners,
/// host patterns, the graph, and every task's params on every host. All diagnostics are collected and
/// thrown together as one <see cref="ConfigurationException"/>.
/// </summary>
public sealed class RunLoader(ModuleRegistry modules, IReadOnlyList<IInventoryPlanner> planners, TemplateEngine templates)
{
    public LoadedRun Load(RunRequest request)
    {
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(request.Inventories, diagnostics);
        var extra = ExtraVariables.Parse(request.ExtraVars, diagnostics);
        var playbook = File.Exists(request.Playbook)
            ? new PlaybookLoader([.. modules.Names]).Load(request.Playbook, diagnostics)
            : null;
        if (playbook is null && !File.Exists(request.Playbook))
        {
            diagnostics.Add(SourceSpan.CommandLine("playbook"), $"playbook '{request.Playbook}' does not exist");
        }

        var (hostVariables, plans) = Plan(inventory, diagnostics);
        if (playbook is null)
        {
            diagnostics.ThrowIfErrors();
            throw new ConfigurationException(SourceSpan.CommandLine("playbook"), "the playbook could not be loaded");
        }

        var limit = Limit(request.Limit, inventory, diagnostics);
        var playHosts = new Dictionary<int, IReadOnlyList<string>>();
        var playVariables = new Dictionary<int, IReadOnlyDictionary<string, object?>>();
        foreach (var play in playbook.Plays)
        {
            var hosts = HostPattern.Resolve(play.Hosts, inventory, out var error);
            if (error is not null)
            {
                diagnostics.Add(play.HostsSpan, $"hosts: {error}");
            }

            playHosts[play.Index] = limit is null ? hosts : [.. hosts.Where(limit.Contains)];
            playVariables[play.Index] = PlayVariables(play, playbook, diagnostics);
        }

        var graph = GraphBuilder.Build(playbook, playHosts, inventory.HostNames, request.Filter, diagnostics);
        var run = new LoadedRun
        {
            Playbook = playbook,
            Inventory = inventory,
            Graph = graph,
            HostVariables = hostVariables,
            PlayVariables = playVariables,
            ExtraVariables = extra,
            Plans = plans,
        };
        // Every task that loaded is validated even when other parts have errors, so one run shows them all.
        ValidateConnections(run, diagnostics);
        ValidateTasks(run, diagnostics);

        diagnostics.ThrowIfErrors();
        return run;
    }

    private (IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>, IReadOnlyList<(string, InventoryPlan)>) Plan(Inventory.Inventory inventory, DiagnosticBag diagnostics)
    {
        var variables = inventory.HostNames.ToDictionary(h => h, h => inventory.VariablesOf(h), StringComparer.Ordinal);
        var merged = variables.ToDictionary(p => p.Key, p => new Dictionary<string, object?>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        var plans = new List<(string, InventoryPlan)>();
        foreach (var planner in planners)
        {
            var plan = planner.Plan(variables, inventory.OriginOf, diagnostics);
            if (plan is null)
            {
                continue;
            }

            plans.Add((planner.Name, plan));
            foreach (var (host, extra) in plan.HostVariables)
            {
                foreach (var (key, value) in extra)
                {
                    merged[host][key] = value;
                }
            }
        }

        return (merged.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, object?>)p.Value, StringComparer.Ordinal), plans);
    }

    private static HashSet<string>? Limit(string? pattern, Inventory.Inventory inventory, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return null;
        }

        var hosts = HostPattern.Resolve(pattern, inventory, out var error);
        if (error is not null)
        {
            diagnostics.Add(SourceSpan.CommandLine("--limit"), error);
        }

        return hosts.ToHashSet(StringComparer.Ordinal);
    }

    private static Dictionary<string, object?> PlayVariables(Play play, Playbook playbook, DiagnosticBag diagnostics)
    {
        var vars = new Dictionary<string, object?>(play.Vars, StringComparer.Ordinal);
        foreach (var file in play.VarsFiles)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(playbook.Directory, file);
            if (!File.Exists(path))
            {
                diagnostics.Add(play.Span, $"vars_files: '{file}' does not exist (looked for {path})");
                continue;
            }

            var yaml = YamlFile.Load(path, diagnostics);
            if (yaml?.Root is YamlMappingNode mapping)
            {
                foreach (var (key, value) in YamlValues.ToDictionary(mapping))
                {
                    vars[key] = value;
                }
            }
            else if (yaml?.Root is not null)
            {
                diagnostics.Add(yaml.SpanOf(yaml.Root), "a vars file must be a mapping of variable names to values");
            }
        }

        return vars;
    }

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
        var deferred = run.Playbook.Plays.SelectMany(p => p.Tasks.Concat(p.Handlers)).Select(t => t.Register).OfType<string>().ToHashSet(StringComparer.Ordinal);
        deferred.Add("item");
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

    private static bool IsUndefined(string message, string name) =>
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
        catch (UndefinedVariableException e) when (deferred.Contains(e.Variable.Split('.', '[')[0]))
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
    }
}
