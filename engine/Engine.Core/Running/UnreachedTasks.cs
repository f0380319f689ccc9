using System.Collections.Concurrent;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Playbooks;

namespace Converge.Core.Running;

/// <summary>
/// Tasks whose diagnostics were not reported because no host reaches them (<see cref="Reachability"/>): a yum task
/// under <c>when: ansible_os_family == 'RedHat'</c>. Their diagnostics are kept per host, so a host that reaches one
/// after all (its facts are not what was assumed) fails it with them, located, while the others carry on; and one
/// note per file and condition says what was not reported and why.
/// </summary>
public sealed class UnreachedTasks
{
    private readonly ConcurrentDictionary<(string Host, string Task), ConcurrentBag<Diagnostic>> _problems = new();
    private readonly ConcurrentDictionary<string, (TaskDefinition Task, string Condition)> _tasks = new(StringComparer.Ordinal);

    /// <summary>The tasks held back, each once, with the condition that is false.</summary>
    public IReadOnlyList<TaskDefinition> Tasks => [.. _tasks.Values.Select(t => t.Task).OrderBy(t => t.Span.File, StringComparer.Ordinal).ThenBy(t => t.Span.Line)];

    /// <summary>Keeps a diagnostic of <paramref name="task"/> on <paramref name="hosts"/>, none of which reaches it because <paramref name="condition"/> is false.</summary>
    internal void Add(TaskDefinition task, IEnumerable<string> hosts, string condition, Diagnostic diagnostic)
    {
        _tasks.TryAdd(task.Id, (task, condition));
        foreach (var host in hosts)
        {
            _problems.GetOrAdd((host, task.Id), _ => []).Add(diagnostic);
        }
    }

    /// <summary>The diagnostics held back for this node, or null when it had none.</summary>
    internal IReadOnlyList<Diagnostic>? ProblemsOf(GraphNode node) =>
        _problems.TryGetValue((node.Host, node.Task.Id), out var problems) ? [.. problems.Distinct().OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Column)] : null;

    /// <summary>
    /// A task whose diagnostics were held back, because its condition was false on every host before the run, is
    /// reached on this node's host after all: it fails here with them, located.
    /// </summary>
    internal void ThrowIfReached(GraphNode node)
    {
        if (ProblemsOf(node) is { } problems)
        {
            throw new TaskFailedException(
                "not validated before the run (its condition was false on every host, with the facts assumed then), and invalid: "
                + string.Join("; ", problems.Select(d => $"{d.Span}: {d.Message}")));
        }
    }

    /// <summary>One note per file and condition: how many tasks were not reported there, and why.</summary>
    public IReadOnlyList<Diagnostic> Notes => [.. _tasks.Values
        .GroupBy(t => (t.Task.Span.File, t.Condition))
        .Select(g => g.OrderBy(t => t.Task.Span.Line).ToList())
        .OrderBy(g => g[0].Task.Span.File, StringComparer.Ordinal).ThenBy(g => g[0].Task.Span.Line)
        .Select(g => new Diagnostic(g[0].Task.Span,
            $"{g.Count} task(s) in {Path.GetFileName(g[0].Task.Span.File)} not validated: their condition ({g[0].Condition}) is false on every host of the play before the run{Assumed(g[0].Condition)}; a host that reaches one fails it with its diagnostics")
        { Names = [.. g.Select(t => t.Task.Name)] })];

    private static string Assumed(string condition) =>
        KnownVariables.AssumedFacts.Keys.Any(f => condition.Contains(f, StringComparison.Ordinal))
            ? " (Converge manages Debian-family Linux hosts: ansible_os_family is 'Debian', ansible_system 'Linux', ansible_pkg_mgr 'apt')"
            : string.Empty;
}
