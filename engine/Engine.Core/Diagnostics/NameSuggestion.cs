namespace Converge.Core.Diagnostics;

/// <summary>
/// "Did you mean …?" for every unknown name (module, key, parameter, group, host, handler, file): one
/// distance, one threshold, one hint format, so every diagnostic suggests the same way.
/// </summary>
public static class NameSuggestion
{
    /// <summary>The candidates near <paramref name="name"/>, closest first (at most three): a small edit distance, or a shared stem.</summary>
    public static IReadOnlyList<string> Find(string name, IEnumerable<string> candidates)
    {
        var limit = Math.Max(1, name.Length / 3);
        return [.. candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Distance: Distance(name.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => (c.Distance <= limit || SharesStem(name, c.Name)) && c.Name != name)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Name)];
    }

    /// <summary>The closest candidate, or null when none is near.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates) => Find(name, candidates) is [var first, ..] ? first : null;

    /// <summary>
    /// The hint to append to a message: <c>; did you mean 'x'?</c> or <c>; did you mean 'x' or 'y'?</c>, or empty
    /// when nothing is near. <paramref name="display"/> turns a candidate into what is shown (e.g. a full path).
    /// </summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates, Func<string, string>? display = null)
    {
        var near = Find(name, candidates);
        return near.Count == 0 ? string.Empty : $"; did you mean {string.Join(" or ", near.Select(n => $"'{(display is null ? n : display(n))}'"))}?";
    }

    /// <summary>A plural or truncated form: "childs" and "children" share "child" (all but one letter of the shorter).</summary>
    private static bool SharesStem(string a, string b)
    {
        var common = 0;
        while (common < a.Length && common < b.Length && char.ToLowerInvariant(a[common]) == char.ToLowerInvariant(b[common]))
        {
            common++;
        }

        return common >= 4 && common >= Math.Min(a.Length, b.Length) - 1;
    }

    /// <summary>Levenshtein distance with adjacent transpositions (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
