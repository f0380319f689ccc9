using Converge.Core.Modules;

namespace Converge.Modules.Line;

/// <summary>Params of <c>line</c>: one line present in (or absent from) a text file, like Ansible's <c>lineinfile</c>.</summary>
public sealed record LineParams
{
    [ParamAlias("dest", "name")]
    public required string Path { get; init; }

    /// <summary>The whole line (without newline) to ensure; required for state present.</summary>
    public string? Line { get; init; }

    /// <summary>A regular expression: with present, the last matching line is replaced; with absent, every matching line is removed.</summary>
    [ParamAlias("regex")]
    public string? Regexp { get; init; }

    /// <summary><c>present</c> (default) or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>Create the file when it is missing (state present); otherwise a missing file is an error.</summary>
    public bool Create { get; init; }

    /// <summary><c>EOF</c> (default) or a regular expression: a new line goes after the last match.</summary>
    [ParamAlias("insertafter")]
    public string? InsertAfter { get; init; }

    /// <summary><c>BOF</c> or a regular expression: a new line goes before the last match.</summary>
    [ParamAlias("insertbefore")]
    public string? InsertBefore { get; init; }

    /// <summary>Use the first match of insertafter/insertbefore instead of the last.</summary>
    [ParamAlias("firstmatch")]
    public bool FirstMatch { get; init; }

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public bool Backup { get; init; }
}
