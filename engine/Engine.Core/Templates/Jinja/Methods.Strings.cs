using System.Globalization;
using System.Text;

namespace Converge.Core.Templates.Jinja;

/// <summary>String methods.</summary>
public static partial class Methods
{
    private static object? StringMethod(string s, string name, FilterCall call) => name switch
    {
        "split" => Split(s, call.Arg(0, "sep") as string, call.Int(1, "maxsplit", -1), fromRight: false),
        "rsplit" => Split(s, call.Arg(0, "sep") as string, call.Int(1, "maxsplit", -1), fromRight: true),
        "splitlines" => s.Split('\n').Select(l => (object?)l.TrimEnd('\r')).ToList() is var lines && s.EndsWith('\n') ? lines.Take(lines.Count - 1).ToList() : s.Split('\n').Select(l => (object?)l.TrimEnd('\r')).ToList(),
        "strip" => Strip(s, call, true, true),
        "lstrip" => Strip(s, call, true, false),
        "rstrip" => Strip(s, call, false, true),
        "lower" => s.ToLowerInvariant(),
        "upper" => s.ToUpperInvariant(),
        "capitalize" => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant(),
        "title" => Filters.StringFilters.Title(s),
        "swapcase" => string.Concat(s.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))),
        "startswith" => Affix(call.Arg(0, "prefix"), p => s.StartsWith(p, StringComparison.Ordinal)),
        "endswith" => Affix(call.Arg(0, "suffix"), p => s.EndsWith(p, StringComparison.Ordinal)),
        "replace" => Replace(s, Text(call, 0, "old"), Text(call, 1, "new"), call.Int(2, "count", -1)),
        "find" => (long)s.IndexOf(Text(call, 0, "sub"), StringComparison.Ordinal),
        "rfind" => (long)s.LastIndexOf(Text(call, 0, "sub"), StringComparison.Ordinal),
        "index" => s.IndexOf(Text(call, 0, "sub"), StringComparison.Ordinal) is var i && i >= 0 ? (long)i : throw new PyException("substring not found"),
        "count" => (long)CountOf(s, Text(call, 0, "sub")),
        "join" => string.Join(s, Py.Iterate(call.Arg(0, "iterable")).Select(x => x is string t ? t : throw new PyException($"sequence item: expected str instance, {Py.TypeName(x)} found"))),
        "format" => StrFormat.Apply(s, call.Args, call.Kwargs),
        "isdigit" => s.Length > 0 && s.All(char.IsDigit),
        "isalpha" => s.Length > 0 && s.All(char.IsLetter),
        "isalnum" => s.Length > 0 && s.All(char.IsLetterOrDigit),
        "isspace" => s.Length > 0 && s.All(char.IsWhiteSpace),
        "islower" => s.Any(char.IsLetter) && !s.Any(char.IsUpper),
        "isupper" => s.Any(char.IsLetter) && !s.Any(char.IsLower),
        "zfill" => s.PadLeft((int)call.Int(0, "width", 0), '0'),
        "center" => Filters.StringFilters.Center(s, (int)call.Int(0, "width", 0), Chars(call) is { Length: > 0 } f ? f[0] : ' '),
        "ljust" => s.PadRight((int)call.Int(0, "width", 0), call.Arg(1, "fillchar") is string l && l.Length > 0 ? l[0] : ' '),
        "rjust" => s.PadLeft((int)call.Int(0, "width", 0), call.Arg(1, "fillchar") is string r && r.Length > 0 ? r[0] : ' '),
        "partition" => Partition(s, Text(call, 0, "sep")),
        "encode" or "decode" => s,
        _ => NotFound.Instance,
    };

    private static object Affix(object? affix, Func<string, bool> test) => affix switch
    {
        string p => test(p),
        PyTuple t => t.Any(x => test(Py.Str(x))),
        _ => throw new PyException($"startswith first arg must be str or a tuple of str, not {Py.TypeName(affix)}"),
    };

    private static int CountOf(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return s.Length + 1;
        }

        var count = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? Replace(s, old, replacement, s.Length + 1) : s.Replace(old, replacement, StringComparison.Ordinal);
        }

        var text = new StringBuilder();
        var at = 0;
        for (var n = 0; n < count; n++)
        {
            var i = old.Length == 0 ? (at <= s.Length ? at : -1) : s.IndexOf(old, at, StringComparison.Ordinal);
            if (i < 0)
            {
                break;
            }

            text.Append(s, at, i - at).Append(replacement);
            if (old.Length == 0)
            {
                if (i < s.Length)
                {
                    text.Append(s[i]);
                }

                at = i + 1;
            }
            else
            {
                at = i + old.Length;
            }
        }

        if (at < s.Length)
        {
            text.Append(s, at, s.Length - at);
        }

        return text.ToString();
    }

    /// <summary>Python's str.split: on runs of whitespace when no separator is given.</summary>
    public static List<object?> Split(string s, string? separator, long maxsplit, bool fromRight)
    {
        if (separator is { Length: 0 })
        {
            throw new PyException("empty separator");
        }

        List<string> parts;
        if (separator is null)
        {
            parts = [.. s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];
            if (maxsplit >= 0 && parts.Count > maxsplit + 1)
            {
                if (fromRight)
                {
                    var keep = parts.Skip(parts.Count - (int)maxsplit).ToList();
                    var headEnd = s.TrimEnd();
                    foreach (var p in Enumerable.Reverse(keep))
                    {
                        headEnd = headEnd[..headEnd.LastIndexOf(p, StringComparison.Ordinal)].TrimEnd();
                    }

                    parts = [headEnd, .. keep];
                }
                else
                {
                    var rest = s.TrimStart();
                    var head = new List<string>();
                    for (var i = 0; i < maxsplit; i++)
                    {
                        var end = rest.IndexOfAny([' ', '\t', '\n', '\r', '\f', '\v']);
                        head.Add(rest[..end]);
                        rest = rest[end..].TrimStart();
                    }

                    parts = [.. head, rest];
                }
            }
        }
        else if (maxsplit < 0)
        {
            parts = [.. s.Split(separator)];
        }
        else if (fromRight)
        {
            parts = [];
            var rest = s;
            for (var i = 0; i < maxsplit; i++)
            {
                var at = rest.LastIndexOf(separator, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                parts.Insert(0, rest[(at + separator.Length)..]);
                rest = rest[..at];
            }

            parts.Insert(0, rest);
        }
        else
        {
            parts = [.. s.Split(separator, (int)Math.Min(int.MaxValue, maxsplit + 1))];
        }

        return parts.Select(p => (object?)p).ToList();
    }

    private static PyTuple Partition(string s, string separator)
    {
        var at = s.IndexOf(separator, StringComparison.Ordinal);
        return at < 0 ? new PyTuple([s, string.Empty, string.Empty]) : new PyTuple([s[..at], separator, s[(at + separator.Length)..]]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
