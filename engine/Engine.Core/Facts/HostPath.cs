namespace Converge.Core.Facts;

/// <summary>
/// How paths on a host relate, as strings: only meaningful for clean absolute paths (<see cref="IsClean"/>), which
/// is all <see cref="FactCache"/> compares. Whether two clean names are the same file is for the probes to show.
/// </summary>
public static class HostPath
{
    /// <summary>Absolute, with no empty, <c>.</c> or <c>..</c> segment and no trailing slash, so one directory has one spelling.</summary>
    public static bool IsClean(string path) =>
        path == "/" || (path.StartsWith('/') && path[1..].Split('/').All(s => s is not ("" or "." or "..")));

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies under it.</summary>
    public static bool IsWithin(string path, string root) =>
        root == "/" || path == root || (path.StartsWith(root, StringComparison.Ordinal) && path.Length > root.Length && path[root.Length] == '/');

    /// <summary>True when one path is the other or lies under it: a change to either may change what the other shows.</summary>
    public static bool Overlap(string a, string b) => IsWithin(a, b) || IsWithin(b, a);

    /// <summary>The directory holding a clean path (<c>/</c> for <c>/</c> itself).</summary>
    public static string Parent(string path) => path.LastIndexOf('/') is > 0 and var slash ? path[..slash] : "/";
}
