using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>Python regular expressions on .NET's engine: <c>(?P&lt;n&gt;)</c>, <c>(?P=n)</c> and <c>\1</c>/<c>\g&lt;n&gt;</c> replacements translated; compiled patterns cached.</summary>
public static class PyRegex
{
    private static readonly ConcurrentDictionary<(string, RegexOptions), Regex> Cache = new();

    public static Regex Get(string pattern, bool ignoreCase = false, bool multiline = false)
    {
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0) | (multiline ? RegexOptions.Multiline : 0);
        return Cache.GetOrAdd((pattern, options), static key =>
        {
            try
            {
                var translated = key.Item1.Replace("(?P<", "(?<", StringComparison.Ordinal);
                translated = Regex.Replace(translated, @"\(\?P=(\w+)\)", @"\k<$1>");
                return new Regex(translated, key.Item2, TimeSpan.FromSeconds(2));
            }
            catch (ArgumentException e)
            {
                throw new PyException($"invalid regular expression '{key.Item1}': {e.Message}");
            }
        });
    }

    /// <summary>A Python replacement string (<c>\1</c>, <c>\g&lt;name&gt;</c>, <c>\n</c>) in .NET's syntax.</summary>
    public static string Replacement(string replacement)
    {
        var text = new StringBuilder();
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '$')
            {
                text.Append("$$");
            }
            else if (c == '\\' && i + 1 < replacement.Length)
            {
                var next = replacement[i + 1];
                if (char.IsAsciiDigit(next))
                {
                    var j = i + 1;
                    while (j < replacement.Length && j < i + 3 && char.IsAsciiDigit(replacement[j]))
                    {
                        j++;
                    }

                    text.Append("${").Append(replacement, i + 1, j - i - 1).Append('}');
                    i = j - 1;
                }
                else if (next == 'g' && i + 2 < replacement.Length && replacement[i + 2] == '<')
                {
                    var close = replacement.IndexOf('>', i + 3);
                    text.Append("${").Append(replacement, i + 3, close - i - 3).Append('}');
                    i = close;
                }
                else
                {
                    text.Append(next switch { 'n' => "\n", 't' => "\t", 'r' => "\r", '\\' => "\\", _ => "\\" + next });
                    i++;
                }
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
