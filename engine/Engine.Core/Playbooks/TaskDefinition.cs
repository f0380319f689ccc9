using Converge.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>
/// A task or handler as written: its module key and raw params node (templates unrendered, spans kept),
/// and the task keywords.
/// </summary>
public sealed record TaskDefinition
{
    /// <summary>Unique within the playbook: <c>p{play}.t{index}</c> or <c>p{play}.h{index}</c>.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Module { get; init; }

    /// <summary>The module's params: a mapping, a scalar (free form) or null.</summary>
    public required YamlNode? Params { get; init; }

    public required string File { get; init; }

    public required SourceSpan Span { get; init; }

    public required SourceSpan ModuleSpan { get; init; }

    public required int PlayIndex { get; init; }

    public bool IsHandler { get; init; }

    public string? When { get; init; }

    /// <summary>The loop source: a YAML node (list, or a string template giving a list); for <c>with_X</c>, the lookup's terms.</summary>
    public YamlNode? Loop { get; init; }

    /// <summary>For <c>with_X:</c>, the lookup plugin X whose list the loop walks; null for <c>loop:</c>.</summary>
    public string? LoopWith { get; init; }

    /// <summary>The task's <c>loop_control</c>.</summary>
    public LoopControl LoopControl { get; init; } = LoopControl.Default;

    public string? Register { get; init; }

    public IReadOnlyList<NamedReference> Notify { get; init; } = [];

    public IReadOnlyList<NamedReference> Requires { get; init; } = [];

    /// <summary>Handler topics this handler also answers to (Ansible's <c>listen</c>).</summary>
    public IReadOnlyList<string> Listen { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The task's own <c>ignore_errors</c>; null when it does not say (then its blocks decide: <see cref="IgnoresErrors"/>).</summary>
    public bool? IgnoreErrors { get; init; }

    /// <summary><c>no_log</c>: the task's results, messages, changes and errors are never shown, reported or logged.</summary>
    public bool NoLog { get; init; }

    /// <summary><c>check_mode</c>: true checks this task only, even in apply; false applies it even in a check run; null follows the run.</summary>
    public bool? CheckMode { get; init; }

    /// <summary><c>run_once</c>: the task runs on the first host of its batch; the others take its result.</summary>
    public bool RunOnce { get; init; }

    /// <summary><c>delegate_to</c> (or <c>local_action</c>: <c>localhost</c>): the host whose connection runs the task.</summary>
    public string? DelegateTo { get; init; }

    /// <summary>The <c>connection:</c> keyword of the task (or its play): a connection variable's value wins over it, as in Ansible.</summary>
    public string? Connection { get; init; }

    /// <summary><c>any_errors_fatal</c> of the task (or its play): a failure here ends the play on every host.</summary>
    public bool AnyErrorsFatal { get; init; }

    /// <summary>For a <c>meta:</c> task, its action (<c>noop</c>, <c>flush_handlers</c>, <c>end_host</c>, …); null otherwise.</summary>
    public string? Meta { get; init; }

    /// <summary>For a dynamic <c>include_tasks</c>/<c>include_role</c>, what it includes; null otherwise.</summary>
    public IncludeDefinition? Include { get; init; }

    /// <summary>A task the runner carries out itself (a <c>meta</c> action or a dynamic include), not a module.</summary>
    public bool IsControl => Meta is not null || Include is not null;

    /// <summary>Whether a failure of this task is ignored: its own <c>ignore_errors</c>, else its innermost block's.</summary>
    public bool IgnoresErrors => IgnoreErrors ?? Scope.InheritedIgnoreErrors() ?? false;

    public string? ChangedWhen { get; init; }

    public string? FailedWhen { get; init; }

    public string? Until { get; init; }

    public int Retries { get; init; }

    public int Delay { get; init; }

    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    public bool? Become { get; init; }

    public string? BecomeUser { get; init; }

    public int? Throttle { get; init; }

    /// <summary>
    /// <c>async</c>: the most seconds the task may take on a host; it fails past it. Converge runs it in place (with any
    /// <c>poll</c>), as Ansible does with a <c>poll</c> above 0; <c>poll: 0</c>, Ansible's fire-and-forget, is waited for too.
    /// </summary>
    public int? Async { get; init; }

    /// <summary>The blocks and role around the task (what it inherits); <see cref="TaskScope.Play"/> when none.</summary>
    public TaskScope Scope { get; init; } = TaskScope.Play;

    /// <summary>
    /// Ansible task keywords the loader accepts but the runner does not act on yet (e.g. <c>environment</c>,
    /// <c>delegate_to</c>), by name, with where they were written; <c>converge validate</c> lists them.
    /// </summary>
    public IReadOnlyList<NamedReference> Unenforced { get; init; } = [];

    /// <summary>
    /// Keywords written as templates (<c>ignore_errors</c>, <c>no_log</c>, <c>retries</c>, <c>delay</c>), rendered per host
    /// when the task runs; the typed property beside each holds its value until then.
    /// </summary>
    public IReadOnlyList<KeywordTemplate> KeywordTemplates { get; init; } = [];

    /// <summary>Where each condition (<c>when</c>, <c>changed_when</c>, <c>failed_when</c>, <c>until</c>) was written, for its diagnostics.</summary>
    public IReadOnlyDictionary<string, SourceSpan> ConditionSpans { get; init; } = new Dictionary<string, SourceSpan>();

    /// <summary>
    /// What is wrong with the task as written (a module Converge does not have or refuses), found when it loaded. They are
    /// reported at validation like any other diagnostic, unless the task cannot be reached before the run (its condition is
    /// false on every host: <c>Running/Reachability</c>); a host that reaches it anyway fails it with them.
    /// </summary>
    public IReadOnlyList<Diagnostic> Problems { get; init; } = [];

    /// <summary>The template written for <paramref name="keyword"/>, or null when it is a literal (or absent).</summary>
    public KeywordTemplate? TemplateOf(string keyword) => KeywordTemplates.FirstOrDefault(k => k.Keyword == keyword);

    /// <summary>
    /// Whether the task's details may be secret before the run: <c>no_log</c> true, or a <c>no_log</c> template whose
    /// value is known only per host (it is treated as true until rendered).
    /// </summary>
    public bool HidesDetails => NoLog || TemplateOf("no_log") is not null;

    public override string ToString() => Name;
}
