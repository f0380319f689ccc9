using System.Globalization;

namespace Converge.Modules.Find;

/// <summary>What <see cref="FindFact"/> read: the entries (with lstat fields), the content matches, sha1 sums and skipped paths.</summary>
public sealed record FindListing(
    IReadOnlyList<FindEntry> Entries,
    IReadOnlySet<string> ContentMatches,
    IReadOnlyDictionary<string, string> Sha1,
    IReadOnlyList<string> Skipped)
{
    /// <summary>The pure parser of the probe's NUL-terminated records.</summary>
    public static FindListing Parse(string stdout)
    {
        var entries = new List<FindEntry>();
        var matches = new HashSet<string>(StringComparer.Ordinal);
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var record in stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (record[..2])
            {
                case "E|":
                    var f = record[2..].Split('|', 14);
                    entries.Add(new FindEntry(
                        Normalize(f[13]), f[0][0], long.Parse(f[1], CultureInfo.InvariantCulture), Convert.ToInt32(f[2], 8),
                        int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture),
                        long.Parse(f[5], CultureInfo.InvariantCulture), int.Parse(f[6], CultureInfo.InvariantCulture),
                        double.Parse(f[7], CultureInfo.InvariantCulture), double.Parse(f[8], CultureInfo.InvariantCulture),
                        double.Parse(f[9], CultureInfo.InvariantCulture), f[10], f[11], long.Parse(f[12], CultureInfo.InvariantCulture)));
                    break;
                case "C|":
                    matches.Add(Normalize(record[2..]));
                    break;
                case "H|" when record.Length > 44:
                    sums[Normalize(record[44..])] = record[2..42];
                    break;
                case "S|":
                    skipped.Add(record[2..]);
                    break;
            }
        }

        return new FindListing(entries, matches, sums, skipped);
    }

    /// <summary>As Python's <c>os.path.normpath</c> for the paths find prints: repeated slashes collapse.</summary>
    private static string Normalize(string path)
    {
        while (path.Contains("//", StringComparison.Ordinal))
        {
            path = path.Replace("//", "/", StringComparison.Ordinal);
        }

        return path;
    }
}
