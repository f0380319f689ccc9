using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Modules.Common;

/// <summary>Python's <c>fnmatch.fnmatch</c> (case-sensitive, as on POSIX), which Ansible uses for file globs and apt's version wildcards.</summary>
public static class Fnmatch
{
    /// <summary>Whether <paramref name="pattern"/> uses a wildcard at all (<c>*</c>, <c>?</c> or <c>[</c>).</summary>
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>Whether the whole of <paramref name="name"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string name, string pattern) =>
        Regex.IsMatch(name, Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <summary>fnmatch's translation: <c>*</c>, <c>?</c>, <c>[seq]</c>, <c>[!seq]</c>; everything else literal.</summary>
    private static string Translate(string pattern)
    {
        var regex = new StringBuilder(@"\A");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var close = c == '[' ? pattern.IndexOf(']', i + 2 > pattern.Length ? pattern.Length : i + 2) : -1;
            switch (c)
            {
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[' when close > 0:
                    var set = pattern[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append(@"\z").ToString();
    }
}
