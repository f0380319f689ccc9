using System.Text.RegularExpressions;

namespace Converge.Modules.Line;

/// <summary>
/// The pure text edit of <c>line</c>, following Ansible's lineinfile: with a regexp the last matching line
/// is replaced; without a match (or without a regexp) an exact copy of the line counts as present;
/// otherwise the line is inserted after/before the last (or first) match of insertafter/insertbefore,
/// at the end when that pattern matches nothing.
/// </summary>
public static class LineEdit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>Splits text into lines; a final newline does not make an extra empty line.</summary>
    public static List<string> Split(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n').ToList();
        if (text.EndsWith('\n'))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>Joins lines, each ending with a newline.</summary>
    public static string Join(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    public static List<string> Apply(IReadOnlyList<string> lines, LineParams parameters) =>
        parameters.State == "absent" ? Remove(lines, parameters) : Ensure(lines, parameters);

    private static List<string> Remove(IReadOnlyList<string> lines, LineParams parameters)
    {
        var regexp = parameters.Regexp is null ? null : new Regex(parameters.Regexp, RegexOptions.None, Timeout);
        return [.. lines.Where(l => !(regexp?.IsMatch(l) ?? (parameters.SearchString is { } search ? l.Contains(search, StringComparison.Ordinal) : l == parameters.Line)))];
    }

    private static List<string> Ensure(IReadOnlyList<string> lines, LineParams parameters)
    {
        var line = parameters.Line!;
        var result = lines.ToList();
        var (index, match) = Find(result, parameters);
        if (index >= 0)
        {
            result[index] = parameters.Backrefs && match is not null ? Expand(match, line) : line;
            return result;
        }

        // Ansible: with backrefs and no match nothing is safe to write, so the file stays as it is.
        if (parameters.Backrefs || result.Contains(line))
        {
            return result;
        }

        result.Insert(InsertionIndex(result, parameters), line);
        return result;
    }

    /// <summary>The line regexp or search_string selects (the last one, or the first with firstmatch), as Ansible's lineinfile.</summary>
    private static (int Index, Match? Match) Find(List<string> lines, LineParams parameters)
    {
        var regexp = parameters.Regexp is null ? null : new Regex(parameters.Regexp, RegexOptions.None, Timeout);
        var found = (Index: -1, Match: (Match?)null);
        for (var i = 0; i < lines.Count; i++)
        {
            var match = regexp?.Match(lines[i]);
            var hit = match?.Success ?? (parameters.SearchString is { } search && lines[i].Contains(search, StringComparison.Ordinal));
            if (hit)
            {
                found = (i, match);
                if (parameters.FirstMatch)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Python's <c>Match.expand</c>, which Ansible applies to <c>line</c> with backrefs: <c>\1</c>, <c>\g&lt;1&gt;</c>,
    /// <c>\g&lt;name&gt;</c>, and the escapes <c>\n</c>, <c>\t</c>, <c>\\</c>; other text is kept as written.
    /// </summary>
    public static string Expand(Match match, string template)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '\\' || i + 1 == template.Length)
            {
                text.Append(template[i]);
                continue;
            }

            var next = template[i + 1];
            if (char.IsAsciiDigit(next))
            {
                var digits = next.ToString();
                if (i + 2 < template.Length && char.IsAsciiDigit(template[i + 2]))
                {
                    digits += template[i + 2];
                }

                text.Append(match.Groups[int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture)].Value);
                i += digits.Length;
            }
            else if (next == 'g' && i + 2 < template.Length && template[i + 2] == '<' && template.IndexOf('>', i + 3) is var close and > 0)
            {
                var name = template[(i + 3)..close];
                text.Append(int.TryParse(name, out var number) ? match.Groups[number].Value : match.Groups[name].Value);
                i = close;
            }
            else
            {
                text.Append(next switch { 'n' => "\n", 't' => "\t", '\\' => "\\", _ => "\\" + next });
                i++;
            }
        }

        return text.ToString();
    }

    private static int InsertionIndex(List<string> lines, LineParams parameters)
    {
        if (parameters.InsertBefore == "BOF")
        {
            return 0;
        }

        var pattern = parameters.InsertBefore ?? parameters.InsertAfter;
        if (pattern is null or "EOF")
        {
            return lines.Count;
        }

        var regexp = new Regex(pattern, RegexOptions.None, Timeout);
        var match = parameters.FirstMatch ? lines.FindIndex(regexp.IsMatch) : lines.FindLastIndex(regexp.IsMatch);
        if (match < 0)
        {
            return lines.Count;
        }

        return parameters.InsertBefore is not null ? match : match + 1;
    }
}
