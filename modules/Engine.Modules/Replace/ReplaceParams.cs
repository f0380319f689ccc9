using Converge.Core.Modules;

namespace Converge.Modules.Replace;

/// <summary>Params of <c>replace</c> (Ansible's): every match of a regular expression in a text file replaced.</summary>
public sealed record ReplaceParams
{
    [ParamAlias("dest", "destfile", "name")]
    public required string Path { get; init; }

    /// <summary>A regular expression, matched in multiline mode (<c>^</c> and <c>$</c> at each line) as Python's re.MULTILINE.</summary>
    public required string Regexp { get; init; }

    /// <summary>The replacement; <c>\1</c>, <c>\g&lt;name&gt;</c> name groups of the match. Empty (default) deletes the matches.</summary>
    public string Replace { get; init; } = string.Empty;

    /// <summary>Only replace after the first match of this expression.</summary>
    public string? After { get; init; }

    /// <summary>Only replace before the first match of this expression.</summary>
    public string? Before { get; init; }

    public string? Validate { get; init; }

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public bool Backup { get; init; }
}
