using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>Text filters: case, trimming, replacing, regular expressions, indenting, quoting.</summary>
public static partial class StringFilters
{
    public static void Register(Dictionary<string, JinjaFunction> filters)
    {
        filters["lower"] = new(c => Str(c).ToLowerInvariant());
        filters["upper"] = new(c => Str(c).ToUpperInvariant());
        filters["capitalize"] = new(c => Str(c) is var s && s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant() : string.Empty);
        filters["title"] = new(c => Title(Str(c)));
        filters["trim"] = filters["strip"] = new(c => c.Arg(0, "chars") is string chars ? Str(c).Trim(chars.ToCharArray()) : Str(c).Trim());
        filters["replace"] = new(c => Methods.Replace(Str(c), c.Text(0, "old", string.Empty), c.Text(1, "new", string.Empty), c.Int(2, "count", -1)));
        filters["regex_replace"] = new(RegexReplace);
        filters["regex_search"] = new(RegexSearch);
        filters["regex_findall"] = new(RegexFindAll);
        filters["regex_escape"] = new(c => RegexEscape(Str(c)));
        filters["quote"] = new(c => Connections.ShellQuote.Quote(c.DefinedInput is null ? string.Empty : Str(c)));
        filters["indent"] = new(Indent);
        filters["center"] = new(c => Center(Str(c), (int)c.Int(0, "width", 80), ' '));
        filters["wordcount"] = new(c => (long)Str(c).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
        filters["truncate"] = new(Truncate);
        filters["format"] = new(c => c.Kwargs.Count > 0 ? PercentFormat.Apply(Str(c), c.Kwargs.ToDictionary(k => k.Key, k => k.Value)) : PercentFormat.Apply(Str(c), c.Args.Count == 1 ? c.Args[0] is PyTuple ? new PyTuple([c.Args[0]]) : c.Args[0] : new PyTuple(c.Args)));
        filters["split"] = new(c => Methods.Split(Str(c), c.Arg(0, "sep") as string, c.Int(1, "maxsplit", -1), fromRight: false));
        filters["comment"] = new(Comment);
        filters["wordwrap"] = new(WordWrap);
        filters["striptags"] = new(c => string.Join(' ', Tags().Replace(Str(c), string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        filters["escape"] = filters["e"] = new(c => System.Net.WebUtility.HtmlEncode(Str(c)).Replace("&#39;", "&#39;", StringComparison.Ordinal));
    }

    private static string Str(FilterCall c) => Py.Str(c.DefinedInput);

    public static string Title(string s)
    {
        var text = new StringBuilder(s.Length);
        var previousLetter = false;
        foreach (var ch in s)
        {
            text.Append(previousLetter ? char.ToLowerInvariant(ch) : char.ToUpperInvariant(ch));
            previousLetter = char.IsLetter(ch) || ch == '\'';
        }

        return text.ToString();
    }

    public static string Center(string s, int width, char fill)
    {
        if (s.Length >= width)
        {
            return s;
        }

        var pad = width - s.Length;
        var left = (pad / 2) + (pad & width & 1);
        return new string(fill, left) + s + new string(fill, pad - left);
    }

    private static object? RegexReplace(FilterCall c)
    {
        var regex = PyRegex.Get(c.Text(0, "pattern", string.Empty), c.Flag(2, "ignorecase"), c.Flag(3, "multiline"));
        var count = c.Int(4, "count", 0);
        return regex.Replace(Str(c), PyRegex.Replacement(c.Text(1, "replacement", string.Empty)), count <= 0 ? -1 : (int)count);
    }

    private static object? RegexSearch(FilterCall c)
    {
        var regex = PyRegex.Get(c.Text(0, "regex", string.Empty), c.Flag(-1, "ignorecase"), c.Flag(-1, "multiline"));
        var match = regex.Match(Str(c));
        if (!match.Success)
        {
            return null;
        }

        var groups = c.Args.Skip(1).Select(Py.Str).ToList();
        if (groups.Count == 0)
        {
            return match.Value;
        }

        return groups.Select(g => (object?)BackReference(match, g)).ToList();
    }

    /// <summary>A group argument of regex_search as Ansible reads it (<c>\\g&lt;name&gt;</c> or <c>\\N</c>); anything else fails as it does.</summary>
    private static string? BackReference(System.Text.RegularExpressions.Match match, string argument)
    {
        var named = System.Text.RegularExpressions.Regex.Match(argument, @"^\\g<(\S+)>");
        var numbered = System.Text.RegularExpressions.Regex.Match(argument, @"^\\(\d+)");
        var group = argument.StartsWith("\\g", StringComparison.Ordinal)
            ? named.Success ? match.Groups[named.Groups[1].Value] : throw new PyException($"regex_search: '{argument}' is not a group reference (\\g<name>)")
            : argument.StartsWith('\\')
                ? numbered.Success ? match.Groups[int.Parse(numbered.Groups[1].Value, CultureInfo.InvariantCulture)] : throw new PyException($"regex_search: '{argument}' is not a group reference (\\N)")
                : throw new PyException($"regex_search: unknown argument '{argument}' (a group is \\N or \\g<name>)");
        return group.Success ? group.Value : null;
    }

    private static object? RegexFindAll(FilterCall c)
    {
        var regex = PyRegex.Get(c.Text(0, "regex", string.Empty), c.Flag(2, "ignorecase"), c.Flag(1, "multiline"));
        var groups = regex.GetGroupNumbers().Length - 1;
        return regex.Matches(Str(c)).Select(m => groups switch
        {
            0 => (object?)m.Value,
            1 => m.Groups[1].Value,
            _ => new PyTuple(Enumerable.Range(1, groups).Select(i => (object?)m.Groups[i].Value).ToList()),
        }).ToList();
    }

    /// <summary>Python's re.escape: every character except ASCII letters, digits and '_' escaped.</summary>
    public static string RegexEscape(string s)
    {
        var text = new StringBuilder(s.Length * 2);
        foreach (var ch in s)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '_' || ch > 127))
            {
                text.Append('\\');
            }

            text.Append(ch);
        }

        return text.ToString();
    }

    private static object? Indent(FilterCall c)
    {
        var width = c.Arg(0, "width", 4L);
        var prefix = width is string w ? w : new string(' ', (int)Py.ToLong(width, "width"));
        var first = c.Flag(1, "first");
        var blank = c.Flag(2, "blank");
        var lines = Str(c).Split('\n');
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                text.Append('\n');
            }

            var indent = (i > 0 || first) && (blank || lines[i].Trim().Length > 0);
            text.Append(indent ? prefix : string.Empty).Append(lines[i]);
        }

        return text.ToString();
    }

    private static object? Truncate(FilterCall c)
    {
        var s = Str(c);
        var length = (int)c.Int(0, "length", 255);
        var killwords = c.Flag(1, "killwords");
        var end = c.Text(2, "end", "...");
        var leeway = (int)c.Int(3, "leeway", 5);
        if (s.Length <= length + leeway)
        {
            return s;
        }

        var cut = s[..Math.Max(0, length - end.Length)];
        if (!killwords)
        {
            var space = cut.LastIndexOf(' ');
            cut = space >= 0 ? cut[..space] : cut;
        }

        return cut + end;
    }

    /// <summary>Ansible's <c>comment</c> filter, step by step as its Python composes it (prefix/postfix lines, counts, custom newline).</summary>
    private static object? Comment(FilterCall c)
    {
        var style = c.Text(0, "style", "plain");
        var (beginning, styleDecoration, end) = style switch
        {
            "plain" => ("", "# ", ""),
            "erlang" => ("", "% ", ""),
            "c" => ("", "// ", ""),
            "cblock" => ("/*", " * ", " */"),
            "xml" => ("<!--", " - ", "-->"),
            _ => throw new TemplateRuntimeException($"comment style '{style}' is not one of plain, erlang, c, cblock, xml"),
        };
        string Kw(string name, string fallback) => c.Kwargs.TryGetValue(name, out var v) ? Py.Str(v) : fallback;
        var prepostfix = Kw("decoration", styleDecoration);
        var newline = Kw("newline", "\n");
        beginning = Kw("beginning", beginning);
        var decoration = Kw("decoration", styleDecoration);
        var prefix = Kw("prefix", prepostfix.TrimEnd());
        var postfix = Kw("postfix", prepostfix.TrimEnd());
        end = Kw("end", end);
        if (newline.Length == 0)
        {
            throw new TemplateRuntimeException("comment's newline must not be empty");
        }

        var prefixCount = c.Kwargs.TryGetValue("prefix_count", out var pc) ? (int)Py.ToLong(pc, "prefix_count") : 1;
        var postfixCount = c.Kwargs.TryGetValue("postfix_count", out var qc) ? (int)Py.ToLong(qc, "postfix_count") : 1;

        var text = new StringBuilder();
        if (beginning.Length > 0)
        {
            text.Append(beginning).Append(newline);
        }

        if (prefix.Length > 0)
        {
            text.Insert(text.Length, prefix == newline ? newline : prefix + newline, prefixCount);
        }

        text.Append((decoration + Str(c).Replace(newline, newline + decoration, StringComparison.Ordinal))
            .Replace(decoration + newline, decoration.TrimEnd() + newline, StringComparison.Ordinal));
        for (var i = 0; i < postfixCount; i++)
        {
            text.Append(newline).Append(postfix);
        }

        if (end.Length > 0)
        {
            text.Append(newline).Append(end);
        }

        return text.ToString();
    }

    private static object? WordWrap(FilterCall c)
    {
        var width = (int)c.Int(0, "width", 79);
        var text = new StringBuilder();
        var line = 0;
        foreach (var word in Str(c).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (line > 0 && line + 1 + word.Length > width)
            {
                text.Append('\n');
                line = 0;
            }
            else if (line > 0)
            {
                text.Append(' ');
                line++;
            }

            text.Append(word);
            line += word.Length;
        }

        return text.ToString();
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
