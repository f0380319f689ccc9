using System.Text.RegularExpressions;

namespace Converge.Modules.Pip;

/// <summary>
/// One requirement specifier as pip reads it (PEP 508, without markers): a name, optional extras, and version
/// clauses. A path, URL or VCS link is not a plain requirement: its presence cannot be read, so it is always installed.
/// </summary>
public sealed partial record PipRequirement(string Text, string? Name, IReadOnlyList<(string Op, string Version)> Clauses)
{
    public bool IsPlain => Name is not null;

    public bool HasSpecifier => Clauses.Count > 0;

    public static PipRequirement Parse(string text, string? version = null)
    {
        if (version is not null)
        {
            // Ansible's Package: a version starting with a digit means ==VERSION, anything else is a specifier.
            var v = version.TrimStart();
            text = text + (v.Length > 0 && char.IsAsciiDigit(v[0]) ? "==" : string.Empty) + v;
        }

        var match = Requirement().Match(text);
        if (!match.Success)
        {
            return new PipRequirement(text, null, []);
        }

        var clauses = match.Groups["spec"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Clause().Match(c))
            .Select(m => (m.Groups["op"].Value, m.Groups["v"].Value))
            .ToList();
        return new PipRequirement(text, Canonical(match.Groups["name"].Value), clauses);
    }

    /// <summary>PEP 503's normalized name: runs of <c>-</c>, <c>_</c> and <c>.</c> become <c>-</c>, lowercase.</summary>
    public static string Canonical(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    /// <summary>Whether an installed version satisfies every clause (PEP 440 ordering of release numbers; <c>==1.*</c> prefix matches).</summary>
    public bool IsSatisfiedBy(string installed) => Clauses.All(c => c.Op switch
    {
        "==" or "===" when c.Version.EndsWith(".*", StringComparison.Ordinal) => Compare(Release(installed).Take(Release(c.Version[..^2]).Length).ToArray(), Release(c.Version[..^2])) == 0,
        "==" or "===" => Compare(installed, c.Version) == 0,
        "!=" => Compare(installed, c.Version) != 0,
        ">=" => Compare(installed, c.Version) >= 0,
        "<=" => Compare(installed, c.Version) <= 0,
        ">" => Compare(installed, c.Version) > 0,
        "<" => Compare(installed, c.Version) < 0,
        "~=" => Compare(installed, c.Version) >= 0 && Release(installed).Take(Release(c.Version).Length - 1).SequenceEqual(Release(c.Version).Take(Release(c.Version).Length - 1)),
        _ => false,
    });

    private static int Compare(string a, string b) => Compare(Release(a), Release(b));

    private static int Compare(long[] a, long[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : 0, i < b.Length ? b[i] : 0);
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }

    /// <summary>The release numbers of a version (<c>2.0.1rc1</c> → 2, 0, 1): enough to order the versions roles pin.</summary>
    private static long[] Release(string version) =>
        [.. version.Split('+')[0].Split('.').Select(part => Digits().Match(part)).TakeWhile(m => m.Success).Select(m => long.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[A-Za-z0-9,._ -]*\])?\s*(?<spec>(?:(?:===|==|!=|~=|>=|<=|>|<)\s*[A-Za-z0-9.*+!_-]+\s*,?\s*)*)$")]
    private static partial Regex Requirement();

    [GeneratedRegex(@"^(?<op>===|==|!=|~=|>=|<=|>|<)\s*(?<v>.+)$")]
    private static partial Regex Clause();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\d+")]
    private static partial Regex Digits();
}
