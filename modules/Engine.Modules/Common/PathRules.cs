namespace Converge.Modules.Common;

/// <summary>Validation rules and messages shared by the file-shaped modules' validators.</summary>
public static class PathRules
{
    public const string AbsoluteMessage = "path must be absolute (it is a path on the host)";

    public const string ModeMessage = "mode must be octal in quotes (\"0644\") or symbolic (\"u=rw,g=r,o=r\"); unquoted 0644 is read by YAML 1.1 as the number 420";

    public static bool IsAbsolute(string? path) => path is { Length: > 0 } && path.StartsWith('/');
}
