using Converge.Core.Modules;
using Converge.Core.Secrets;

namespace Converge.Modules.Debconf;

/// <summary>Params of <c>debconf</c> (Ansible's names): one debconf question of a package preseeded to a value.</summary>
public sealed record DebconfParams
{
    /// <summary>The package owning the question.</summary>
    [ParamAlias("pkg")]
    public required string Name { get; init; }

    /// <summary>The question, e.g. <c>tzdata/Areas</c>; without it the task only reads the package's answers.</summary>
    [ParamAlias("selection", "setting")]
    public string? Question { get; init; }

    /// <summary>boolean, error, multiselect, note, password, seen, select, string, text or title.</summary>
    public string? Vtype { get; init; }

    /// <summary>The answer; a secret (never in argv, logs, reports or diffs), since it may be a password.</summary>
    [ParamAlias("answer")]
    public Secret? Value { get; init; }

    /// <summary>Leave the question unseen (<c>debconf-set-selections -u</c>), so the package still asks it.</summary>
    public bool Unseen { get; init; }
}
