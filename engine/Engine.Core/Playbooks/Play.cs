using Converge.Core.Diagnostics;

namespace Converge.Core.Playbooks;

/// <summary>A play: a host pattern, its variables and its tasks and handlers.</summary>
public sealed record Play
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    public required string Hosts { get; init; }

    public required SourceSpan Span { get; init; }

    public required SourceSpan HostsSpan { get; init; }

    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    /// <summary>Variable files (relative to the playbook), loaded in order above play vars.</summary>
    public IReadOnlyList<string> VarsFiles { get; init; } = [];

    /// <summary>The play's <c>vars_prompt</c>, answered before the run (<see cref="Running.PromptedVariables"/>).</summary>
    public IReadOnlyList<VarsPrompt> Prompts { get; init; } = [];

    public bool? Become { get; init; }

    public string? BecomeUser { get; init; }

    public IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];

    public IReadOnlyList<TaskDefinition> Handlers { get; init; } = [];

    /// <summary>Rolling batches: a host count or a percentage such as <c>"30%"</c>.</summary>
    public string? Serial { get; init; }

    public int? Throttle { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The defaults of every role in the play, merged in load order (Ansible shows them to the whole play).</summary>
    public IReadOnlyDictionary<string, object?> RoleDefaults { get; init; } = new Dictionary<string, object?>();

    /// <summary>The <c>vars/</c> of every role in the play, merged in load order: above play vars.</summary>
    public IReadOnlyDictionary<string, object?> RoleVars { get; init; } = new Dictionary<string, object?>();

    /// <summary><c>gather_facts</c>: true gathers <see cref="GatherSubset"/> (all by default), false nothing, and
    /// null (left out) gathers only the subsets the play references (see <c>PlayFacts</c>).</summary>
    public bool? GatherFacts { get; init; }

    /// <summary><c>gather_subset</c>, when given.</summary>
    public IReadOnlyList<string>? GatherSubset { get; init; }

    /// <summary><c>max_fail_percentage</c>: the play ends on every host once more than this share of a batch has failed.</summary>
    public double? MaxFailPercentage { get; init; }
}
