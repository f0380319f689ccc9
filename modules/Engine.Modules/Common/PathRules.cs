namespace Converge.Modules.Common;

/// <summary>Validation rules and messages shared by the file-shaped modules' validators.</summary>
public static class PathRules
{
    public const string AbsoluteMessage = "path must be absolute (it is a path on the host)";

    public const string ModeMessage =
        "mode must be four octal digits in quotes (\"0644\") or symbolic (\"u=rw,g=r,o=r\"); YAML reads an unquoted 0644 as the number 420";

    public static bool IsAbsolute(string? path) => path is { Length: > 0 } && path.StartsWith('/');
}
