using Converge.Core.Binding;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Playbooks;
using Converge.Core.Templates;
using Converge.Core.Variables;

namespace Converge.Core.Running;

/// <summary>
/// Dynamic includes before and during the run: one whose name (and loop) is known before the run is read and
/// validated with everything else, on every host; one that depends on facts, registered results or other run-time
/// values is listed (<see cref="LoadedRun.RuntimeIncludes"/>) and validated when a host first resolves it.
/// </summary>
public sealed partial class RunLoader
{
    /// <summary>The scope an include's tasks run in: the include's, with its vars and loop item, then its <c>apply:</c>.</summary>
    internal static TaskScope IncludeScope(GraphNode include, LoopItem item)
    {
        var own = new Dictionary<string, object?>(include.Task.Vars, StringComparer.Ordinal);
        VariableMerge.Overlay(own, item.Variables);

        return include.Task.Include!.Apply with { Parent = new TaskScope { Parent = include.Scope, Vars = own } };
    }

    /// <summary>
    /// Validates the tasks a dynamic include reads, with the host's variables as they are now: before the run, or when a
    /// host reaches the include. A task no host reaches (its condition is false now, or the include's,
    /// <paramref name="unreachedBy"/>) has its diagnostics kept in <paramref name="unreached"/> instead of reported.
    /// </summary>
    internal void Validate(LoadedRun run, IReadOnlyList<GraphNode> nodes, VariableScope scope, DiagnosticBag diagnostics, UnreachedTasks unreached, bool beforeRun, string? unreachedBy = null)
    {
        var deferred = DeferredNames(run);
        deferred.UnionWith(nodes.Select(n => n.Task.Register).OfType<string>());
        var binder = new ParamsBinder(templates);
        var reach = new Reachability(templates, deferred, assumeFacts: beforeRun && deferred.Contains(FactPrefix));
        var seen = new HashSet<(SourceSpan, string)>();
        foreach (var node in nodes.Where(n => !n.Task.IsControl))
        {
            var name = node.Task.Name;
            var condition = unreachedBy ?? reach.FalseCondition(node, scope.For(node));
            void Report(Diagnostic diagnostic)
            {
                if (condition is not null)
                {
                    unreached.Add(node.Task, [node.Host], condition, diagnostic);
                }
                else if (seen.Add((diagnostic.Span, diagnostic.Message)))
                {
                    diagnostics.Add(diagnostic);
                }
            }

            foreach (var problem in node.Task.Problems)
            {
                Report(problem);
            }

            ValidateTask(node, binder, scope, deferred, (span, detail) =>
                Report(new Diagnostic(span, $"task '{name}': {(node.Task.HidesDetails ? NoLogDetail : detail)}")));
        }
    }

    /// <summary>What a diagnostic of a <c>no_log</c> task says instead of its detail, which may quote a value.</summary>
    internal const string NoLogDetail = "invalid (details hidden: the task has no_log)";

    private IncludesBeforeRun ValidateIncludes(LoadedRun run, DiagnosticBag diagnostics, UnreachedTasks unreached)
    {
        var deferred = DeferredNames(run);
        var scope = new VariableScope(run, check: true);
        var result = new IncludesBeforeRun();
        var found = new DiagnosticBag();
        var includes = run.Graph.Nodes.Where(n => n.Task.Include is not null).ToList();

        // An include no host reaches: what it reads is validated, but nothing in it is reported.
        var unreachable = Unreachable(includes, scope, deferred);
        foreach (var node in includes)
        {
            var include = node.Task.Include!;
            var vars = scope.For(node);
            var unreachedBy = unreachable.GetValueOrDefault(node.Task.Id);
            var into = unreachedBy is null ? found : new DiagnosticBag();
            try
            {
                var number = 0;
                foreach (var item in LoopItems.Of(node.Task, vars, templates).ToList())
                {
                    var itemVars = item.HasItem ? scope.For(node, item) : vars;
                    var (name, assumed) = IncludeName(include, itemVars, deferred);
                    var tasks = run.Includes.ExpandInclude(node.Task, name, IncludeScope(node, item), $"{node.Task.Id}.{number++}", into);
                    Validate(run, [.. tasks.Select(t => new GraphNode(node.Host, node.Play, t) { Scope = t.Scope })], scope, into, unreached, beforeRun: true, unreachedBy);

                    // Include nodes are per host: what the include read, and the other files its name could give (validated
                    // only to hold their diagnostics back, which a note reports per file), are kept once, not per host.
                    if (result.Files.Add((node.Task.Id, name)))
                    {
                        result.Read.AddRange(tasks);
                        if (assumed)
                        {
                            result.Assumed.Add(new NamedReference(name, include.NameSpan));
                            ValidateOtherFiles(run, node, item, scope, itemVars, deferred, name, $"{node.Task.Id}.{number - 1}.other", unreached, result);
                        }
                    }
                }
            }
            catch (Exception e) when (e is UnknownBeforeRunException || (e is UndefinedVariableException u && IsDeferred(u.Variable, deferred)))
            {
                result.Runtime.Add(new NamedReference(include.Name, include.NameSpan));
            }
            catch (ConvergeException e)
            {
                into.Add(include.NameSpan, $"{include.Keyword} '{include.Name}': {e.Message}");
            }
        }

        foreach (var diagnostic in found.Items.DistinctBy(d => (d.Span, d.Message)))
        {
            diagnostics.Add(diagnostic);
        }

        result.Runtime = [.. result.Runtime.DistinctBy(r => r.Span)];
        return result;
    }

    /// <summary>
    /// An include's file name with the variables known now; one that reads only the facts every host Converge manages
    /// has (<c>setup-{{ ansible_os_family }}.yml</c>) is rendered with them (and Assumed is true): each host reads
    /// that file, unless its facts differ, and then it validates what it reads when it gets there.
    /// </summary>
    private (string Name, bool Assumed) IncludeName(IncludeDefinition include, IReadOnlyDictionary<string, object?> vars, HashSet<string> deferred)
    {
        try
        {
            return (templates.RenderValue(include.Name, vars)?.ToString() ?? string.Empty, false);
        }
        catch (UndefinedVariableException e) when (IsDeferred(e.Variable, deferred) && deferred.Contains(FactPrefix))
        {
            var known = new KnownVariables(vars, deferred, assumeFacts: true);
            return (templates.RenderValue(include.Name, known)?.ToString() ?? string.Empty, true);
        }
    }
}
