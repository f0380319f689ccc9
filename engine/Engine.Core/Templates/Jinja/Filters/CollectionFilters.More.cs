namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>map/select, grouping, zipping, flattening, combining.</summary>
public static partial class CollectionFilters
{
    private static object? Map(FilterCall c)
    {
        var items = Items(c);
        if (c.Kwargs.TryGetValue("attribute", out var attribute))
        {
            var hasDefault = c.Kwargs.TryGetValue("default", out var fallback);
            return items.Select(item => Attribute(item, Py.Str(attribute)) is Undefined u ? hasDefault ? fallback : u : Attribute(item, Py.Str(attribute))).ToList();
        }

        var name = c.Text(0, "filter", string.Empty);
        var library = c.Session.Environment.Library;
        var resolved = library.ResolveFilter(name) ?? throw new PyException($"no filter named '{name}'");
        var filter = library.Filter(resolved);
        var args = c.Args.Skip(1).ToList();
        var kwargs = c.Kwargs;
        return items.Select(item => filter.Apply(new FilterCall(c.Session, item, args, kwargs, resolved))).ToList();
    }

    private static object? Select(FilterCall c, bool attribute, bool keep)
    {
        var items = Items(c);
        var args = c.Args.ToList();
        string? path = null;
        if (attribute)
        {
            path = args.Count > 0 ? Py.Str(args[0]) : throw new PyException("selectattr needs an attribute name");
            args.RemoveAt(0);
        }

        Func<object?, bool> test;
        if (args.Count == 0)
        {
            test = Py.Truthy;
        }
        else
        {
            var name = Py.Str(args[0]);
            var library = c.Session.Environment.Library;
            var resolved = library.ResolveTest(name) ?? throw new PyException($"no test named '{name}'");
            var function = library.Test(resolved);
            var rest = args.Skip(1).ToList();
            test = value => value is Undefined u && !function.AcceptsUndefined ? throw u.Error() : Py.Truthy(function.Apply(new FilterCall(c.Session, value, rest, c.Kwargs, resolved)));
        }

        return items.Where(item => test(path is null ? item : Attribute(item, path)) == keep).ToList();
    }

    private static object? GroupBy(FilterCall c)
    {
        var path = c.Text(0, "attribute", string.Empty);
        var fallback = c.Arg(1, "default");
        var groups = new List<(object? Key, List<object?> Items)>();
        foreach (var item in Items(c))
        {
            var key = Attribute(item, path) is Undefined u ? fallback ?? throw u.Error() : Attribute(item, path);
            var group = groups.FindIndex(g => Py.Equals(g.Key, key));
            if (group < 0)
            {
                groups.Add((key, [item]));
            }
            else
            {
                groups[group].Items.Add(item);
            }
        }

        groups.Sort((a, b) => Py.Compare(a.Key, b.Key));
        return groups.Select(g => (object?)new PyTuple([g.Key, g.Items])).ToList();
    }

    private static object? Batch(FilterCall c)
    {
        var size = (int)c.Int(0, "linecount", 1);
        if (size <= 0)
        {
            throw new PyException("batch size must be positive");
        }

        var fill = c.Has(1, "fill_with") ? c.Arg(1, "fill_with") : null;
        var hasFill = c.Has(1, "fill_with");
        var result = Items(c).Chunk(size).Select(chunk => (object?)chunk.ToList()).ToList();
        if (hasFill && result.Count > 0 && result[^1] is List<object?> last)
        {
            while (last.Count < size)
            {
                last.Add(fill);
            }
        }

        return result;
    }

    private static object? SliceInto(FilterCall c)
    {
        var items = Items(c);
        var slices = (int)c.Int(0, "slices", 1);
        var perSlice = items.Count / slices;
        var extra = items.Count % slices;
        var result = new List<object?>();
        var offset = 0;
        for (var i = 0; i < slices; i++)
        {
            var length = perSlice + (i < extra ? 1 : 0);
            result.Add(items.Skip(offset).Take(length).ToList());
            offset += length;
        }

        return result;
    }

    private static object? Zip(FilterCall c, bool longest)
    {
        var lists = new[] { Items(c) }.Concat(c.Args.Select(Py.ToList)).ToList();
        var count = longest ? lists.Max(l => l.Count) : lists.Min(l => l.Count);
        var fill = c.Kwargs.GetValueOrDefault("fillvalue");
        return Enumerable.Range(0, count).Select(i => (object?)new PyTuple(lists.Select(l => i < l.Count ? l[i] : fill).ToList())).ToList();
    }

    private static object? Product(FilterCall c)
    {
        var lists = new[] { Items(c) }.Concat(c.Args.Select(Py.ToList)).ToList();
        IEnumerable<List<object?>> combos = [[]];
        foreach (var list in lists)
        {
            combos = combos.SelectMany(prefix => list.Select(item => new List<object?>(prefix) { item }));
        }

        return combos.Select(combo => (object?)new PyTuple(combo)).ToList();
    }

    private static object? Subelements(FilterCall c)
    {
        var path = c.Text(0, "subelements", string.Empty);
        var skipMissing = c.Arg(1, "skip_missing") is { } flags && (Py.IsMap(flags) ? Py.TryGetKey(flags, "skip_missing", out var s) && Py.Truthy(s) : Py.Truthy(flags));
        var items = Py.IsMap(c.DefinedInput) ? Py.Entries(c.DefinedInput).Select(e => e.Value).ToList() : Items(c);
        var result = new List<object?>();
        foreach (var item in items)
        {
            var values = Attribute(item, path);
            if (values is Undefined)
            {
                if (skipMissing)
                {
                    continue;
                }

                throw new PyException($"could not find '{path}' key in iterated item '{Py.Repr(item)}'");
            }

            if (!Py.IsSequence(values))
            {
                throw new PyException($"the key {path} should point to a list, got '{Py.Repr(values)}'");
            }

            result.AddRange(Py.ToList(values).Select(v => (object?)new PyTuple([item, v])));
        }

        return result;
    }

    internal static List<object?> Flatten(IEnumerable<object?> items, long levels, bool skipNulls)
    {
        var result = new List<object?>();
        foreach (var item in items)
        {
            if (skipNulls && item is null)
            {
                continue;
            }

            if (Py.IsSequence(item) && levels != 0)
            {
                result.AddRange(Flatten(Py.ToList(item), levels - 1, skipNulls));
            }
            else
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static object? Items2Dict(FilterCall c)
    {
        var keyName = c.Text(0, "key_name", "key");
        var valueName = c.Text(1, "value_name", "value");
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var item in Items(c))
        {
            if (!Py.TryGetKey(item, keyName, out var key) || !Py.TryGetKey(item, valueName, out var value))
            {
                throw new PyException($"items2dict requires each item to have '{keyName}' and '{valueName}' keys");
            }

            map[Py.Str(key)] = value;
        }

        return map;
    }

    private static Random RandomFor(FilterCall c) =>
        c.Arg(-1, "seed") is { } seed ? new Random(StableHash(Py.Str(seed))) : Random.Shared;

    private static int StableHash(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return BitConverter.ToInt32(hash, 0);
    }

    private static object? RandomItem(FilterCall c)
    {
        var random = RandomFor(c);
        if (Py.IsNumber(c.DefinedInput))
        {
            var end = Py.ToLong(c.DefinedInput, "end");
            var start = c.Int(0, "start", 0);
            var step = c.Int(1, "step", 1);
            var count = (end - start + step - 1) / step;
            return count <= 0 ? throw new PyException("empty range for random") : start + (random.NextInt64(count) * step);
        }

        var items = Items(c);
        return items.Count == 0 ? throw new PyException("cannot choose from an empty sequence") : items[random.Next(items.Count)];
    }

    private static object? Shuffle(FilterCall c)
    {
        var items = Items(c).ToArray();
        RandomFor(c).Shuffle(items);
        return items.ToList();
    }
}
