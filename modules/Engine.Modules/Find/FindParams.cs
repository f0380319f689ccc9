using Converge.Core.Modules;

namespace Converge.Modules.Find;

/// <summary>Params of <c>find</c> (Ansible's): files under directories on the host selected by name, age, size, type and content.</summary>
public sealed record FindParams
{
    [ParamAlias("name", "path")]
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>Globs (fnmatch) on the base name, or regular expressions matching the whole name with <c>use_regex</c>.</summary>
    [ParamAlias("pattern")]
    public IReadOnlyList<string> Patterns { get; init; } = [];

    [ParamAlias("exclude")]
    public IReadOnlyList<string>? Excludes { get; init; }

    /// <summary>A regular expression matched at the start of a line of a file (searched in the whole file with <c>read_whole_file</c>).</summary>
    public string? Contains { get; init; }

    public bool ReadWholeFile { get; init; }

    /// <summary><c>file</c> (default), <c>directory</c>, <c>link</c> or <c>any</c>.</summary>
    public string FileType { get; init; } = "file";

    /// <summary>At least this old (<c>2d</c>, <c>3h</c>, <c>30m</c>, <c>1w</c>, seconds by default); negative: at most this old.</summary>
    public string? Age { get; init; }

    /// <summary><c>mtime</c> (default), <c>atime</c> or <c>ctime</c>.</summary>
    public string AgeStamp { get; init; } = "mtime";

    /// <summary>At least this size (<c>10k</c>, <c>1m</c>, <c>1g</c>, bytes by default); negative: at most this size.</summary>
    public string? Size { get; init; }

    public bool Recurse { get; init; }

    /// <summary>Include names starting with a dot.</summary>
    public bool Hidden { get; init; }

    /// <summary>Descend into symlinked directories while recursing.</summary>
    public bool Follow { get; init; }

    /// <summary>Add each regular file's sha1 <c>checksum</c>.</summary>
    public bool GetChecksum { get; init; }

    public bool UseRegex { get; init; }

    /// <summary>The deepest level looked at when recursing (1: the directory's own entries).</summary>
    public int? Depth { get; init; }
}
