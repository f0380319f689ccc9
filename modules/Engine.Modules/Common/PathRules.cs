namespace Converge.Modules.Common;

/// <summary>Validation rules and messages shared by the file-shaped modules' validators.</summary>
public static class PathRules
{
    public const string AbsoluteMessage = "path must be absolute (it is a path on the host)";

    public const string ModeMessage =
        "mode must be four octal digits in quotes (\"0644\") or symbolic (\"u=rw,g=r,o=r\"); YAML reads an unquoted 0644 as the number 420";

    /// <summary>
    /// Absolute, or from a home folder (<c>~/x</c>, <c>~user/x</c>), which the engine expands on the host before the
    /// module runs, to the home of the user the task runs as or of the named user (<c>Running/HomePaths</c>).
    /// </summary>
    public static bool IsAbsolute(string? path) => path is { Length: > 0 } && (path.StartsWith('/') || path.StartsWith('~'));
}
