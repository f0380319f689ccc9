using System.Security.Cryptography;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>
/// The lookups that exist mostly for Ansible's <c>with_*</c> loops (<c>with_together: [a, b]</c> is
/// <c>loop: "{{ lookup('together', a, b, wantlist=True) }}"</c>), each as its plugin in ansible-core 2.14 builds its list.
/// </summary>
public static partial class Lookups
{
    /// <summary>Every lookup plugin Converge has, in the order diagnostics list them.</summary>
    public static IReadOnlyList<string> Plugins { get; } =
    [
        "items", "list", "dict", "flattened", "together", "nested", "cartesian", "subelements", "sequence", "indexed_items",
        "first_found", "fileglob", "lines", "random_choice", "inventory_hostnames", "file", "env", "vars", "template", "pipe",
        "password", "ini", "csvfile",
    ];

    /// <summary>flattened.py: lists flattened all the way down; a <c>'None'</c> or <c>'null'</c> term ends the list.</summary>
    private static List<object?> Flattened(IEnumerable<object?> terms)
    {
        var result = new List<object?>();
        foreach (var raw in terms)
        {
            var term = raw;
            while (Py.IsSequence(term) && Py.ToList(term) is [var only])
            {
                term = only;
            }

            if (term is "None" or "null")
            {
                break;
            }

            if (Py.IsSequence(term))
            {
                result.AddRange(Flattened(Py.ToList(term)));
            }
            else
            {
                result.Add(term);
            }
        }

        return result;
    }

    /// <summary>together.py: the lists zipped, the shorter ones padded with None, each tuple flattened one level.</summary>
    private static List<object?> Together(List<object?> terms)
    {
        var lists = terms.Select(Py.ToList).ToList();
        if (lists.Count == 0)
        {
            throw new PyException("with_together requires at least one element in each list");
        }

        var length = lists.Max(l => l.Count);
        return [.. Enumerable.Range(0, length).Select(i => (object?)FlattenOnce(lists.Select(l => i < l.Count ? l[i] : null)))];
    }

    /// <summary>nested.py and cartesian.py: every combination of the lists' elements, in order, each flattened one level.</summary>
    private static List<object?> Nested(List<object?> terms, string name)
    {
        if (terms.Count == 0)
        {
            throw new PyException($"with_{name} requires at least one element in the nested list");
        }

        IEnumerable<List<object?>> combinations = Py.ToList(terms[0]).Select(x => new List<object?> { x });
        foreach (var next in terms.Skip(1).Select(Py.ToList))
        {
            combinations = combinations.SelectMany(c => next.Select(y => FlattenOnce([.. c, y]))).ToList();
        }

        return [.. combinations.Select(c => (object?)FlattenOnce(c))];
    }

    private static List<object?> FlattenOnce(IEnumerable<object?> items) =>
        [.. items.SelectMany(i => Py.IsSequence(i) ? Py.ToList(i) : [i])];

    /// <summary>
    /// subelements.py: (parent, child) for each child of each parent's list under the (dotted) subkey; the parent comes
    /// without that list, as Ansible pops it. <c>skip_missing</c> in the third term skips parents without the key.
    /// </summary>
    private static List<object?> Subelements(List<object?> terms)
    {
        const string usage = "subelements lookup expects a list of two or three items: first a dict or a list, second a string pointing to the subkey, optionally a dict of flags (skip_missing)";
        if (terms.Count is < 2 or > 3 || !(Py.IsMap(terms[0]) || Py.IsSequence(terms[0])) || terms[1] is not string subkey)
        {
            throw new PyException(usage);
        }

        if (Py.IsMap(terms[0]) && Py.TryGetKey(terms[0], "skipped", out var skippedAll) && skippedAll is not false)
        {
            return [];
        }

        var parents = Py.IsMap(terms[0]) ? Py.Entries(terms[0]).Select(e => e.Value).ToList() : Py.ToList(terms[0]);
        var flags = terms.Count == 3 ? terms[2] : null;
        if (flags is not null && (!Py.IsMap(flags) || Py.Entries(flags).Any(e => e.Key != "skip_missing")))
        {
            throw new PyException("the optional third item must be a dict with flags ['skip_missing']");
        }

        var skipMissing = Py.TryGetKey(flags, "skip_missing", out var skip) && Py.Truthy(skip);
        var path = subkey.Split('.');
        var result = new List<object?>();
        foreach (var parent in parents)
        {
            if (!Py.IsMap(parent))
            {
                throw new PyException($"subelements lookup expects a dictionary, got '{Py.Str(parent)}'");
            }

            if (Py.TryGetKey(parent, "skipped", out var skipped) && skipped is not false)
            {
                continue;
            }

            if (Without(parent, path, skipMissing) is { } split)
            {
                result.AddRange(split.Children.Select(child => (object?)new PyTuple([split.Parent, child])));
            }
        }

        return result;
    }

    /// <summary>A copy of <paramref name="map"/> without the list at <paramref name="path"/>, and that list; null when skipped as missing.</summary>
    private static (Dictionary<string, object?> Parent, List<object?> Children)? Without(object? map, ReadOnlySpan<string> path, bool skipMissing)
    {
        var copy = Py.Entries(map).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (!copy.TryGetValue(path[0], out var value))
        {
            return skipMissing ? null : throw new PyException($"could not find '{path[0]}' key in iterated item '{Py.Repr(map)}'");
        }

        if (path.Length > 1)
        {
            if (!Py.IsMap(value))
            {
                return skipMissing ? null : throw new PyException($"the key {path[0]} should point to a dictionary, got '{Py.Str(value)}'");
            }

            if (Without(value, path[1..], skipMissing) is not { } inner)
            {
                return null;
            }

            copy[path[0]] = inner.Parent;
            return (copy, inner.Children);
        }

        if (!Py.IsSequence(value))
        {
            throw new PyException($"the key {path[0]} should point to a list, got '{Py.Str(value)}'");
        }

        copy.Remove(path[0]);
        return (copy, Py.ToList(value));
    }

    /// <summary>random_choice.py: one term chosen at random (none from no terms).</summary>
    private static List<object?> RandomChoice(List<object?> terms) =>
        terms.Count == 0 ? [] : [terms[RandomNumberGenerator.GetInt32(terms.Count)]];

    /// <summary>
    /// inventory_hostnames.py: the hosts a pattern selects, from the <c>groups</c> variable: names of hosts or groups,
    /// globs, joined by <c>:</c> or <c>,</c>, with <c>!x</c> excluding and <c>&amp;x</c> intersecting, as host patterns do.
    /// </summary>
    private static List<object?> InventoryHostnames(RenderSession session, List<object?> terms)
    {
        if (!session.TryVariable("groups", out var groups) || !Py.IsMap(groups))
        {
            throw new PyException("inventory_hostnames needs the inventory's groups");
        }

        var byGroup = Py.Entries(groups).ToDictionary(e => e.Key, e => Py.ToList(e.Value).Select(Py.Str).ToList(), StringComparer.Ordinal);
        var all = byGroup.GetValueOrDefault("all") ?? [.. byGroup.Values.SelectMany(h => h).Distinct(StringComparer.Ordinal)];
        List<string> Match(string term) =>
            term is "all" or "*" ? all
            : byGroup.TryGetValue(term, out var members) ? members
            : all.Contains(term, StringComparer.Ordinal) ? [term]
            : [.. byGroup.Where(g => Glob(g.Key, term)).SelectMany(g => g.Value).Concat(all.Where(h => Glob(h, term))).Distinct(StringComparer.Ordinal)];

        var hosts = new List<string>();
        var parts = terms.SelectMany(t => Py.Str(t).Split([':', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var part in parts.Where(p => p[0] is not ('!' or '&')))
        {
            hosts.AddRange(Match(part).Where(h => !hosts.Contains(h, StringComparer.Ordinal)));
        }

        foreach (var part in parts.Where(p => p[0] == '&'))
        {
            var kept = Match(part[1..]);
            hosts.RemoveAll(h => !kept.Contains(h, StringComparer.Ordinal));
        }

        foreach (var part in parts.Where(p => p[0] == '!'))
        {
            var excluded = Match(part[1..]);
            hosts.RemoveAll(h => excluded.Contains(h, StringComparer.Ordinal));
        }

        return [.. hosts.Select(h => (object?)h)];
    }

    private static bool Glob(string name, string pattern) =>
        pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal)
            ? System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false)
            : false;
}
