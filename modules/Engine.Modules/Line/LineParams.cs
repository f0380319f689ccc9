using Converge.Core.Modules;

namespace Converge.Modules.Line;

/// <summary>Params of <c>lineinfile</c> (also registered as <c>line</c>): one line present in (or absent from) a text file, as Ansible's.</summary>
public sealed record LineParams
{
    [ParamAlias("dest", "name")]
    public required string Path { get; init; }

    /// <summary>The whole line (without newline) to ensure; required for state present.</summary>
    public string? Line { get; init; }

    /// <summary>A regular expression: with present, the last matching line is replaced; with absent, every matching line is removed.</summary>
    [ParamAlias("regex")]
    public string? Regexp { get; init; }

    /// <summary>A literal string: the last line containing it is replaced (present) or every such line removed (absent).</summary>
    public string? SearchString { get; init; }

    /// <summary>With regexp and state present: <c>line</c> may use the match's groups (<c>\1</c>, <c>\g&lt;name&gt;</c>); no match leaves the file unchanged.</summary>
    public bool Backrefs { get; init; }

    /// <summary>A command run on the new content before it is put in place, <c>%s</c> being the file (e.g. <c>visudo -cf %s</c>).</summary>
    public string? Validate { get; init; }

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
