using System.Globalization;
using System.Text.RegularExpressions;

namespace Converge.Modules.Find;

/// <summary>Ansible's find filters (pfilter, agefilter, sizefilter, the file_type dispatch), as pure code over a listing.</summary>
public static class FindFilter
{
    public static readonly IReadOnlyDictionary<char, long> AgeUnits = new Dictionary<char, long> { ['s'] = 1, ['m'] = 60, ['h'] = 3600, ['d'] = 86400, ['w'] = 604800 };

    public static readonly IReadOnlyDictionary<char, long> SizeUnits = new Dictionary<char, long> { ['b'] = 1, ['k'] = 1024, ['m'] = 1L << 20, ['g'] = 1L << 30, ['t'] = 1L << 40 };

    /// <summary>A number with an optional unit (<c>-2d</c>, <c>10k</c>), in the unit's base; null when malformed.</summary>
    public static long? Amount(string text, IReadOnlyDictionary<char, long> units)
    {
        var match = Regex.Match(text.ToLowerInvariant(), @"\A(-?\d+)([a-z])?\z", RegexOptions.CultureInvariant);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        if (!match.Groups[2].Success)
        {
            return number;
        }

        return units.TryGetValue(match.Groups[2].Value[0], out var unit) ? number * unit : null;
    }

    /// <summary>The entries Ansible's find returns, in the order find(1) listed them.</summary>
    public static List<FindEntry> Select(FindListing listing, FindParams p, double now)
    {
        var age = p.Age is null ? null : Amount(p.Age, AgeUnits);
        var size = p.Size is null ? null : Amount(p.Size, SizeUnits);
        var patterns = p.Patterns.Count > 0 ? p.Patterns : [p.UseRegex ? ".*" : "*"];
        var selected = new List<FindEntry>();
        foreach (var e in listing.Entries)
        {
            if (!p.Hidden && e.Name.StartsWith('.'))
            {
                continue;
            }

            if (!Named(e.Name, patterns, p.Excludes, p.UseRegex) || !Aged(e, now, age, p.AgeStamp))
            {
                continue;
            }

            var keep = p.FileType switch
            {
                "any" => e.Type != 'f' || Sized(e, size),
                "directory" => e.Type == 'd',
                "link" => e.Type == 'l',
                _ => e.Type == 'f' && Sized(e, size) && (p.Contains is null || listing.ContentMatches.Contains(e.Path)),
            };
            if (keep)
            {
                selected.Add(e);
            }
        }

        return selected;
    }

    private static bool Named(string name, IReadOnlyList<string> patterns, IReadOnlyList<string>? excludes, bool regex) =>
        patterns.Any(p => Matches(name, p, regex)) && !(excludes ?? []).Any(e => Matches(name, e, regex));

    /// <summary>Python's <c>re.match</c> (anchored at the start only) or <c>fnmatch.fnmatch</c> (the whole name).</summary>
    private static bool Matches(string name, string pattern, bool regex) => regex
        ? Regex.IsMatch(name, @"\A(?:" + pattern + ")", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
        : Common.Fnmatch.IsMatch(name, pattern);

    private static bool Aged(FindEntry e, double now, long? age, string stamp)
    {
        if (age is not { } limit)
        {
            return true;
        }

        var elapsed = now - (stamp switch { "atime" => e.Atime, "ctime" => e.Ctime, _ => e.Mtime });
        return limit >= 0 ? elapsed >= limit : elapsed <= -limit;
    }

    private static bool Sized(FindEntry e, long? size) =>
        size is not { } limit || (limit >= 0 ? e.Size >= limit : e.Size <= -limit);
}
