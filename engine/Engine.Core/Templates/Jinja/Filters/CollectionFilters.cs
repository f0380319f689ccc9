namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>List and dict filters: length, first/last, min/max/sum, sort, map/select, groupby, combine, dict2items.</summary>
public static partial class CollectionFilters
{
    public static void Register(Dictionary<string, JinjaFunction> filters)
    {
        filters["length"] = filters["count"] = new(c => (long)Py.Count(c.DefinedInput));
        filters["first"] = new(c => Py.Iterate(c.DefinedInput).Take(1).ToList() is [var x] ? x : new Undefined("first of an empty sequence", 0, 0));
        filters["last"] = new(c => Py.ToList(c.DefinedInput) is { Count: > 0 } l ? l[^1] : new Undefined("last of an empty sequence", 0, 0));
        filters["min"] = new(c => Extreme(c, -1));
        filters["max"] = new(c => Extreme(c, 1));
        filters["sum"] = new(Sum);
        filters["sort"] = new(Sort);
        filters["unique"] = new(c => Unique(Items(c), c.Flag(0, "case_sensitive"), c.Arg(1, "attribute") as string));
        filters["reverse"] = new(c => c.DefinedInput is string s ? new string(s.Reverse().ToArray()) : Items(c).AsEnumerable().Reverse().ToList());
        filters["join"] = new(Join);
        filters["list"] = new(c => Items(c));
        filters["dict"] = new(c => ToDict(Py.Iterate(c.DefinedInput)));
        filters["items"] = new(c => c.DefinedInput is null ? new List<object?>() : Py.Entries(c.DefinedInput).Select(e => (object?)new PyTuple([e.Key, e.Value])).ToList());
        filters["map"] = new(Map);
        filters["select"] = new(c => Select(c, attribute: false, keep: true));
        filters["reject"] = new(c => Select(c, attribute: false, keep: false));
        filters["selectattr"] = new(c => Select(c, attribute: true, keep: true));
        filters["rejectattr"] = new(c => Select(c, attribute: true, keep: false));
        filters["groupby"] = new(GroupBy);
        filters["batch"] = new(Batch);
        filters["slice"] = new(SliceInto);
        filters["zip"] = new(c => Zip(c, longest: false));
        filters["zip_longest"] = new(c => Zip(c, longest: true));
        filters["product"] = new(Product);
        filters["subelements"] = new(Subelements);
        filters["flatten"] = new(c => Flatten(Items(c), c.Arg(0, "levels") is { } l ? Py.ToLong(l, "levels") : -1, c.Flag(1, "skip_nulls", true)));
        filters["dict2items"] = new(c => Py.Entries(c.DefinedInput).Select(e => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { [c.Text(0, "key_name", "key")] = e.Key, [c.Text(1, "value_name", "value")] = e.Value }).ToList());
        filters["items2dict"] = new(Items2Dict);
        filters["random"] = new(RandomItem);
        filters["shuffle"] = new(Shuffle);
        filters["dictsort"] = new(c => Py.Entries(c.DefinedInput).Select(e => (object?)new PyTuple([e.Key, e.Value])).OrderBy(t => ((PyTuple)t!)[c.Text(1, "by", "key") == "value" ? 1 : 0], Comparer(c.Flag(0, "case_sensitive"))).ToList());
    }

    internal static List<object?> Items(FilterCall c) => Py.ToList(c.DefinedInput);

    private static Comparer<object?> Comparer(bool caseSensitive) => Comparer<object?>.Create((a, b) =>
        !caseSensitive && a is string x && b is string y ? string.CompareOrdinal(x.ToLowerInvariant(), y.ToLowerInvariant()) : Py.Compare(a, b));

    /// <summary>An attribute path (<c>a.b.0</c>) of an item, as Jinja's make_attrgetter.</summary>
    internal static object? Attribute(object? item, string path)
    {
        foreach (var part in path.Split('.'))
        {
            object key = long.TryParse(part, out var n) && !Py.IsMap(item) ? n : part;
            item = Py.TryLookup(item, key, out var v) ? v : new Undefined(path, 0, 0);
            if (item is Undefined)
            {
                return item;
            }
        }

        return item;
    }

    private static object? Extreme(FilterCall c, int sign)
    {
        var attribute = c.Arg(1, "attribute") as string;
        var items = Items(c);
        if (items.Count == 0)
        {
            return new Undefined("min/max of an empty sequence", 0, 0);
        }

        var caseSensitive = c.Flag(0, "case_sensitive");
        var comparer = Comparer(caseSensitive);
        var best = items[0];
        foreach (var item in items.Skip(1))
        {
            var cmp = comparer.Compare(attribute is null ? item : Attribute(item, attribute), attribute is null ? best : Attribute(best, attribute));
            if (cmp * sign > 0)
            {
                best = item;
            }
        }

        return best;
    }

    private static object? Sum(FilterCall c)
    {
        var attribute = c.Arg(0, "attribute") as string;
        object? total = c.Arg(1, "start", 0L);
        foreach (var item in Items(c))
        {
            total = Py.Add(total, attribute is null ? item : Attribute(item, attribute));
        }

        return total;
    }

    private static object? Sort(FilterCall c)
    {
        var reverse = c.Flag(0, "reverse");
        var comparer = Comparer(c.Flag(1, "case_sensitive"));
        var attribute = c.Arg(2, "attribute") as string;
        var attributes = attribute?.Split(',').Select(a => a.Trim()).ToList();
        var items = Items(c);
        var ordered = items.Select((item, index) => (item, index)).ToList();
        ordered.Sort((a, b) =>
        {
            int cmp;
            if (attributes is null)
            {
                cmp = comparer.Compare(a.item, b.item);
            }
            else
            {
                cmp = 0;
                foreach (var name in attributes)
                {
                    cmp = comparer.Compare(Attribute(a.item, name), Attribute(b.item, name));
                    if (cmp != 0)
                    {
                        break;
                    }
                }
            }

            return cmp != 0 ? (reverse ? -cmp : cmp) : a.index.CompareTo(b.index);
        });
        return ordered.Select(p => p.item).ToList();
    }

    internal static List<object?> Unique(IEnumerable<object?> items, bool caseSensitive, string? attribute)
    {
        var result = new List<object?>();
        var seen = new List<object?>();
        foreach (var item in items)
        {
            var key = attribute is null ? item : Attribute(item, attribute);
            if (!caseSensitive && key is string s)
            {
                key = s.ToLowerInvariant();
            }

            if (!seen.Any(x => Py.Equals(x, key)))
            {
                seen.Add(key);
                result.Add(item);
            }
        }

        return result;
    }

    private static object? Join(FilterCall c)
    {
        var separator = c.Text(0, "d", string.Empty);
        var attribute = c.Arg(1, "attribute") as string;
        return string.Join(separator, Py.Iterate(c.DefinedInput).Select(x => Py.Str(attribute is null ? x : Attribute(x, attribute))));
    }

    internal static Dictionary<string, object?> ToDict(IEnumerable<object?> pairs)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var items = Py.ToList(pair);
            if (items.Count != 2)
            {
                throw new PyException($"dictionary update sequence element has length {items.Count}; 2 is required");
            }

            map[Py.Str(items[0])] = items[1];
        }

        return map;
    }
}
