using System.Text.RegularExpressions;

namespace Converge.Modules.AptRepository;

/// <summary>
/// A one-line-style apt source, compared as Ansible's apt_repository does: comments stripped, words joined by
/// single spaces; a line commented out (<c># deb …</c>) is a disabled source.
/// </summary>
public static partial class SourceLine
{
    /// <summary>The normalised source of <paramref name="line"/>, or null when it is not one (blank, comment text).</summary>
    public static string? Parse(string line)
    {
        var text = line.Trim();
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            text = text[..hash];
        }

        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words[0] is not ("deb" or "deb-src"))
        {
            return null;
        }

        // The options block may hold spaces: keep it as one word with its inner spacing normalised.
        var joined = string.Join(' ', words);
        var match = Shape().Match(joined);
        return match.Success ? joined : null;
    }

    /// <summary>Ansible's default file name: the URI without scheme, options and credentials, non-alphanumerics as '_'.</summary>
    public static string SuggestFilename(string repo)
    {
        var line = Options().Replace(repo, string.Empty);
        line = Scheme().Replace(line, string.Empty);
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(p => p is not ("deb" or "deb-src")).ToList();
        var first = parts.Count == 0 ? string.Empty : parts[0];
        var at = first.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            first = first[(at + 1)..];
        }

        return string.Join('_', NonAlphanumeric().Replace(first, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"^deb(-src)? (\[[^\]]*\] )?\S+ \S+( \S+)*$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"\[[^\]]+\]")]
    private static partial Regex Options();

    [GeneratedRegex(@"\w+://")]
    private static partial Regex Scheme();

    [GeneratedRegex("[^a-zA-Z0-9]")]
    private static partial Regex NonAlphanumeric();
}
