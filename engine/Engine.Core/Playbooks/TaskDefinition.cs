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

    /// <summary>The loop source: a YAML node (list, or a string template giving a list).</summary>
    public YamlNode? Loop { get; init; }

    public string? Register { get; init; }

    public IReadOnlyList<NamedReference> Notify { get; init; } = [];

    public IReadOnlyList<NamedReference> Requires { get; init; } = [];

    /// <summary>Handler topics this handler also answers to (Ansible's <c>listen</c>).</summary>
    public IReadOnlyList<string> Listen { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool IgnoreErrors { get; init; }

    public string? ChangedWhen { get; init; }

    public string? FailedWhen { get; init; }

    public string? Until { get; init; }

    public int Retries { get; init; }

    public int Delay { get; init; }

    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    public bool? Become { get; init; }

    public string? BecomeUser { get; init; }

    public int? Throttle { get; init; }

    /// <summary>The blocks and role around the task (what it inherits); <see cref="TaskScope.Play"/> when none.</summary>
    public TaskScope Scope { get; init; } = TaskScope.Play;

    /// <summary>
    /// Ansible task keywords the loader accepts but the runner does not act on yet (e.g. <c>environment</c>,
    /// <c>delegate_to</c>), by name, with where they were written; <c>converge validate</c> lists them.
    /// </summary>
    public IReadOnlyList<NamedReference> Unenforced { get; init; } = [];

    public override string ToString() => Name;
}
