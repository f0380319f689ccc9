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
        return [.. lines.Where(l => !(regexp?.IsMatch(l) ?? l == parameters.Line))];
    }

    private static List<string> Ensure(IReadOnlyList<string> lines, LineParams parameters)
    {
        var line = parameters.Line!;
        var result = lines.ToList();
        if (parameters.Regexp is not null)
        {
            var regexp = new Regex(parameters.Regexp, RegexOptions.None, Timeout);
            var match = result.FindLastIndex(regexp.IsMatch);
            if (match >= 0)
            {
                result[match] = line;
                return result;
            }
        }

        if (result.Contains(line))
        {
            return result;
        }

        result.Insert(InsertionIndex(result, parameters), line);
        return result;
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
