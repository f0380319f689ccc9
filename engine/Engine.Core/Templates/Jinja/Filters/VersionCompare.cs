using System.Globalization;
using System.Text.RegularExpressions;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>Ansible's <c>version</c> test: LooseVersion (numbers and words compared piecewise) or StrictVersion, and semver.</summary>
public static partial class VersionCompare
{
    public static bool Test(string value, string version, string op, bool strict, string type)
    {
        if (strict || type == "strict")
        {
            if (!StrictPattern().IsMatch(value) || !StrictPattern().IsMatch(version))
            {
                throw new PyException($"invalid version number '{(StrictPattern().IsMatch(value) ? version : value)}'");
            }
        }

        if (version.Length == 0)
        {
            throw new PyException("version value cannot be empty");
        }

        var cmp = Compare(Parts(value), Parts(version));
        return op switch
        {
            "==" or "=" or "eq" => cmp == 0,
            "!=" or "<>" or "ne" => cmp != 0,
            "<" or "lt" => cmp < 0,
            "<=" or "le" => cmp <= 0,
            ">" or "gt" => cmp > 0,
            ">=" or "ge" => cmp >= 0,
            _ => throw new PyException($"invalid operator '{op}' (one of ==, !=, <, <=, >, >=, eq, ne, lt, le, gt, ge)"),
        };
    }

    private static List<object> Parts(string version) =>
        Component().Matches(version).Select(m => m.Value).Where(p => p.Length > 0 && p != ".")
            .Select(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (object)n : p).ToList();

    private static int Compare(List<object> a, List<object> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var cmp = (a[i], b[i]) switch
            {
                (long x, long y) => x.CompareTo(y),
                (string x, string y) => string.CompareOrdinal(x, y),
                (long, string) => throw new PyException($"'<' not supported between instances of 'int' and 'str' (comparing {a[i]} with {b[i]})"),
                _ => throw new PyException($"'<' not supported between instances of 'str' and 'int' (comparing {a[i]} with {b[i]})"),
            };
            if (cmp != 0)
            {
                return Math.Sign(cmp);
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    [GeneratedRegex(@"\d+|[a-z]+|\.", RegexOptions.IgnoreCase)]
    private static partial Regex Component();

    [GeneratedRegex(@"^\d+\.\d+(\.\d+)?([ab]\d+)?$")]
    private static partial Regex StrictPattern();
}
