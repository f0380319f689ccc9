namespace Converge.Modules.WriteInterfaces;

/// <summary>
/// A parsed interfaces(5) file: stanzas in order. Parsing follows ifupdown: a line starting with <c>#</c>
/// is a comment, a trailing backslash continues a line, and a line whose first word is not a stanza keyword
/// is an option of the current <c>iface</c> or <c>mapping</c> stanza.
/// </summary>
public sealed class InterfacesFile
{
    private static readonly string[] Keywords = ["iface", "mapping", "auto", "source", "source-directory", "rename", "no-auto-down", "no-scripts"];

    private InterfacesFile(IReadOnlyList<InterfacesStanza> stanzas) => Stanzas = stanzas;

    public IReadOnlyList<InterfacesStanza> Stanzas { get; }

    public static InterfacesFile Parse(string text)
    {
        var stanzas = new List<InterfacesStanza>();
        List<string>? options = null;
        foreach (var (line, number) in LogicalLines(text))
        {
            var words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            if (IsKeyword(words[0]))
            {
                options = words[0] is "iface" or "mapping" ? [] : null;
                stanzas.Add(new InterfacesStanza(words, options ?? [], number));
            }
            else if (options is not null)
            {
                options.Add(string.Join(' ', words));
            }
            else
            {
                // ifupdown rejects an option outside a stanza ("misplaced option"); keep it as its own stanza so
                // that it is compared (and reported) rather than lost.
                stanzas.Add(new InterfacesStanza(words, [], number));
            }
        }

        return new InterfacesFile(stanzas);
    }

    /// <summary>Whether both files hold the same stanzas with the same options in the same order.</summary>
    public bool SameAs(InterfacesFile other) =>
        Stanzas.Count == other.Stanzas.Count && Stanzas.Zip(other.Stanzas).All(p => p.First.SameAs(p.Second));

    public InterfacesStanza? Definition(string iface) => Stanzas.FirstOrDefault(s => s.DefinedInterface == iface);

    /// <summary>
    /// Whether a <c>source</c> (glob) or <c>source-directory</c> stanza of this file, which lives at
    /// <paramref name="ownPath"/>, includes <paramref name="path"/>. Relative paths are relative to the
    /// directory of the including file, and source-directory takes only names of letters, digits, '_' and '-'
    /// (interfaces(5)).
    /// </summary>
    public bool Includes(string path, string ownPath)
    {
        var directory = System.IO.Path.GetDirectoryName(ownPath) ?? "/";
        foreach (var stanza in Stanzas.Where(s => s.Keyword is "source" or "source-directory" && s.Header.Count > 1))
        {
            var target = System.IO.Path.GetFullPath(stanza.Header[1], directory).TrimEnd('/');
            if (stanza.Keyword == "source" && GlobMatches(target, path))
            {
                return true;
            }

            var name = System.IO.Path.GetFileName(path);
            if (stanza.Keyword == "source-directory" && System.IO.Path.GetDirectoryName(path) == target
                && name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool GlobMatches(string pattern, string path)
    {
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", "[^/]*", StringComparison.Ordinal)
            .Replace("\\?", "[^/]", StringComparison.Ordinal).Replace("\\[", "[", StringComparison.Ordinal) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(path, regex);
    }

    private static bool IsKeyword(string word) => Keywords.Contains(word) || word.StartsWith("allow-", StringComparison.Ordinal);

    private static IEnumerable<(string Line, int Number)> LogicalLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var line = lines[i];
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + lines[++i];
            }

            yield return (line, start + 1);
        }
    }
}
