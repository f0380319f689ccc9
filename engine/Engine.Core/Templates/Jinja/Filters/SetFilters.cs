namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>Set theory on lists (order kept, as Ansible's unique-based versions do) and <c>combine</c>.</summary>
public static class SetFilters
{
    public static void Register(Dictionary<string, JinjaFunction> filters)
    {
        filters["union"] = new(c => CollectionFilters.Unique(CollectionFilters.Items(c).Concat(Other(c)), true, null));
        filters["intersect"] = new(c => CollectionFilters.Unique(CollectionFilters.Items(c).Where(x => Other(c).Any(y => Py.Equals(x, y))), true, null));
        filters["difference"] = new(c => CollectionFilters.Unique(CollectionFilters.Items(c).Where(x => !Other(c).Any(y => Py.Equals(x, y))), true, null));
        filters["symmetric_difference"] = new(c =>
        {
            var a = CollectionFilters.Items(c);
            var b = Other(c);
            return CollectionFilters.Unique(a.Where(x => !b.Any(y => Py.Equals(x, y))).Concat(b.Where(y => !a.Any(x => Py.Equals(x, y)))), true, null);
        });
        filters["combine"] = new(Combine);
    }

    private static List<object?> Other(FilterCall c) => Py.ToList(c.Arg(0, "b"));

    private static object? Combine(FilterCall c)
    {
        var recursive = c.Kwargs.TryGetValue("recursive", out var r) && Py.Truthy(r);
        var listMerge = c.Kwargs.TryGetValue("list_merge", out var l) ? Py.Str(l) : "replace";
        // Ansible flattens the input and the arguments one level: a list of dicts combines too.
        var layers = new[] { c.DefinedInput }.Concat(c.Args).SelectMany(a => Py.IsSequence(a) ? Py.ToList(a) : [a]).ToList();
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            if (!Py.IsMap(layer))
            {
                throw new PyException($"combine expects dictionaries, got '{Py.TypeName(layer)}'");
            }

            Merge(result, layer!, recursive, listMerge);
        }

        return result;
    }

    private static void Merge(Dictionary<string, object?> into, object layer, bool recursive, string listMerge)
    {
        foreach (var (key, value) in Py.Entries(layer))
        {
            if (recursive && into.TryGetValue(key, out var existing) && Py.IsMap(existing) && Py.IsMap(value))
            {
                var nested = Py.Entries(existing).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
                Merge(nested, value!, recursive, listMerge);
                into[key] = nested;
            }
            else if (into.TryGetValue(key, out var old) && Py.IsSequence(old) && Py.IsSequence(value) && listMerge != "replace")
            {
                var a = Py.ToList(old);
                var b = Py.ToList(value);
                into[key] = listMerge switch
                {
                    "keep" => a,
                    "append" => [.. a, .. b],
                    "prepend" => [.. b, .. a],
                    "append_rp" => [.. a.Where(x => !b.Any(y => Py.Equals(x, y))), .. b],
                    "prepend_rp" => [.. b, .. a.Where(x => !b.Any(y => Py.Equals(x, y)))],
                    _ => throw new PyException($"list_merge must be one of replace, keep, append, prepend, append_rp, prepend_rp, not '{listMerge}'"),
                };
            }
            else
            {
                into[key] = value;
            }
        }
    }
}
