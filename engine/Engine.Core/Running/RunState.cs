using System.Collections.Concurrent;
using Converge.Core.Binding;
using Converge.Core.Graph;
using Converge.Core.Modules;
using Converge.Core.Reporting;
using Converge.Core.Templates;

namespace Converge.Core.Running;

/// <summary>What all host workers of one run share: node completions, throttles, forks, outcomes.</summary>
internal sealed class RunState
{
    private readonly ConcurrentDictionary<GraphNode, TaskCompletionSource<NodeResult>> _completion = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _throttles = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TaskOutcome> _outcomes = new();

    // Each host's outcomes too, so a host's recap reads its own, not every host's (which grew as hosts × hosts).
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TaskOutcome>> _outcomesByHost = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GraphNode, TaskKeywords> _keywords = new();

    public RunState(LoadedRun run, RunOptions options, IRunObserver observer, ModuleRegistry modules, TemplateEngine templates)
    {
        Run = run;
        Options = options;
        Observer = observer;
        Modules = modules;
        Templates = templates;
        Binder = new ParamsBinder(templates);
        Strategy = ExecutionStrategy.For(options);
        Scope = new VariableScope(run, Strategy.IsCheck, options.Diff);
        Gathering = new FactGathering(this);
        Forks = new SemaphoreSlim(Math.Max(1, options.Forks));
        Validator = new RunLoader(modules, [], templates);
    }

    /// <summary>Validates the tasks a dynamic include reads at run time, as every task was validated before the run.</summary>
    public RunLoader Validator { get; }

    public LoadedRun Run { get; }

    public RunOptions Options { get; }

    public IRunObserver Observer { get; }

    public ModuleRegistry Modules { get; }

    public TemplateEngine Templates { get; }

    /// <summary>Check or apply, chosen once for the run.</summary>
    public ExecutionStrategy Strategy { get; }

    public ParamsBinder Binder { get; }

    public VariableScope Scope { get; }

    /// <summary>Each play's fact gathering (decided once per run).</summary>
    public FactGathering Gathering { get; }

    public SemaphoreSlim Forks { get; }

    /// <summary>The local sessions holding the run lock (<see cref="HostSession.DisposeAsync"/> releases it after the last).</summary>
    public LocalLockCount LocalLocks { get; } = new();

    public IReadOnlyList<TaskOutcome> Outcomes => [.. _outcomes];

    /// <summary>A node's result once it completes; nodes spliced in at run time get theirs on first use.</summary>
    public Task<NodeResult> ResultOf(GraphNode node) => CompletionOf(node).Task;

    public void Complete(GraphNode node, NodeResult result) => CompletionOf(node).TrySetResult(result);

    /// <summary>
    /// The recap of one host from its outcomes. An ignored failure counts as ok and as ignored, as in Ansible; a
    /// rescued one only as rescued (neither ok nor failed).
    /// </summary>
    public HostSummary SummaryOf(string host, bool unreachable)
    {
        IReadOnlyCollection<TaskOutcome> mine = _outcomesByHost.TryGetValue(host, out var queue) ? [.. queue] : [];
        return new HostSummary(
            host,
            Ok: mine.Count(o => o.Status == OutcomeStatus.Ok || (o.Status == OutcomeStatus.Failed && o.Ignored)),
            Changed: mine.Count(o => o.Status == OutcomeStatus.Changed),
            Failed: mine.Count(o => o.Status == OutcomeStatus.Failed && !o.Ignored && !o.Rescued),
            Skipped: mine.Count(o => o.Status == OutcomeStatus.Skipped),
            Unreachable: unreachable,
            Rescued: mine.Count(o => o.Rescued),
            Ignored: mine.Count(o => o.Ignored));
    }

    /// <summary>
    /// Renders the node's keyword templates with its host's variables when it starts (as Ansible does); a wrong type
    /// fails the task. <see cref="KeywordsOf"/> then gives these values.
    /// </summary>
    public TaskKeywords ResolveKeywords(GraphNode node, IReadOnlyDictionary<string, object?> vars)
    {
        var keywords = TaskKeywords.Resolve(node.Task, vars, Templates);
        _keywords[node] = keywords;
        return keywords;
    }

    /// <summary>The node's keywords on its host: rendered ones once resolved, else the literals (a templated <c>no_log</c> hiding).</summary>
    public TaskKeywords KeywordsOf(GraphNode node) => _keywords.TryGetValue(node, out var keywords) ? keywords : TaskKeywords.Literal(node.Task);

    /// <summary>The strategy of one node: the run's, unless the task's <c>check_mode</c> says otherwise (<see cref="ExecutionStrategy.ForTask"/>).</summary>
    public ExecutionStrategy StrategyOf(GraphNode node) => Strategy.ForTask(node.Task.CheckMode);

    /// <summary>Plays ended on every host (<c>meta: end_play</c>, <c>any_errors_fatal</c>), by index.</summary>
    private readonly ConcurrentDictionary<int, string> _endedPlays = new();

    /// <summary>Ends a play on every host: none of them starts another task of it.</summary>
    public void EndPlay(int play, string why) => _endedPlays.TryAdd(play, why);

    /// <summary>The hosts that failed in each play (a failure no block rescued and no ignore_errors hid), by play index.</summary>
    private readonly ConcurrentDictionary<(int Play, string Host), bool> _failedHosts = new();

    /// <summary>
    /// A host failed in a play: with <c>max_fail_percentage</c>, once more than that share of its batch has failed, the
    /// play ends on every host, as Ansible aborts it. Hosts run in parallel here, not task by task in lockstep, so a
    /// host may finish tasks that Ansible would not have started before the share was exceeded.
    /// </summary>
    public void HostFailed(GraphNode node, string host)
    {
        if (node.Play.MaxFailPercentage is not { } limit)
        {
            return;
        }

        _failedHosts.TryAdd((node.Play.Index, host), true);
        var batch = Scope.BatchOf(node.Play.Index, host);
        var failed = batch.Count(h => _failedHosts.ContainsKey((node.Play.Index, h)));
        if (batch.Count > 0 && failed * 100.0 / batch.Count > limit)
        {
            EndPlay(node.Play.Index, $"max_fail_percentage {limit}: {failed} of {batch.Count} hosts failed");
        }
    }

    /// <summary>Why the play was ended for every host, or null while it runs.</summary>
    public string? PlayEnded(int play) => _endedPlays.GetValueOrDefault(play);

    /// <summary>Who ran a <c>run_once</c> task and its result: the first host that ran it, per task id.</summary>
    public ConcurrentDictionary<string, (string Host, NodeResult Result, object? Registered)> RunOnce { get; } = new(StringComparer.Ordinal);

    /// <summary>The semaphore bounding how many hosts run a task at once (<c>throttle:</c>), or null.</summary>
    public SemaphoreSlim? ThrottleOf(GraphNode node)
    {
        var limit = node.Task.Throttle ?? node.Play.Throttle;
        return limit is { } n ? _throttles.GetOrAdd(node.Task.Id, _ => new SemaphoreSlim(n)) : null;
    }

    private TaskCompletionSource<NodeResult> CompletionOf(GraphNode node) =>
        _completion.GetOrAdd(node, _ => new TaskCompletionSource<NodeResult>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Report(TaskOutcome outcome)
    {
        var redactor = Run.Secrets;
        var clean = outcome with
        {
            Message = redactor.Redact(outcome.Message),
            Diff = redactor.Redact(outcome.Diff),
            Command = outcome.Command is null ? null : redactor.Redact(outcome.Command),
            StderrTail = outcome.StderrTail is null ? null : redactor.Redact(outcome.StderrTail),
            Changes = [.. outcome.Changes.Select(c => c with { Before = Redact(c.Before), After = Redact(c.After), Diff = Redact(c.Diff) })],
        };
        _outcomes.Enqueue(clean);
        _outcomesByHost.GetOrAdd(clean.Host, _ => new ConcurrentQueue<TaskOutcome>()).Enqueue(clean);
        Observer.TaskFinished(clean);

        string? Redact(string? text) => text is null ? null : redactor.Redact(text);
    }
}
