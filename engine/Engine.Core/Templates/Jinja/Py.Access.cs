namespace Converge.Core.Templates.Jinja;

/// <summary>Jinja's lookups: <c>a.b</c> and <c>a['b']</c> find a key or an attribute alike; list indexes; slices.</summary>
public static partial class Py
{
    /// <summary>A key, index or attribute; false when missing (the caller makes the undefined value).</summary>
    public static bool TryLookup(object? target, object? key, out object? value)
    {
        value = null;
        switch (target)
        {
            case IJinjaObject o when key is string name:
                return o.TryGetAttribute(name, out value);
            case var map when IsMap(map):
                return TryGetKey(map, key as string ?? Str(key), out value);
            case string s when key is long or int or bool:
                var i = Index(ToLong(key, "index"), s.Length);
                if (i is null)
                {
                    return false;
                }

                value = s[i.Value].ToString();
                return true;
            case IReadOnlyList<object?> list when key is long or int or bool:
                var j = Index(ToLong(key, "index"), list.Count);
                if (j is null)
                {
                    return false;
                }

                value = list[j.Value];
                return true;
            case IList<object?> list when key is long or int or bool:
                var k = Index(ToLong(key, "index"), list.Count);
                if (k is null)
                {
                    return false;
                }

                value = list[k.Value];
                return true;
            default:
                return false;
        }
    }

    private static int? Index(long index, int count)
    {
        var i = index < 0 ? index + count : index;
        return i >= 0 && i < count ? (int)i : null;
    }

    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        var s = step is null ? 1 : ToLong(step, "slice step");
        if (s == 0)
        {
            throw new PyException("slice step cannot be zero");
        }

        var items = target is string text ? [.. text.Select(c => (object?)c.ToString())] : ToList(Defined(target));
        var n = items.Count;
        long Clamp(object? bound, long fallback)
        {
            if (bound is null)
            {
                return fallback;
            }

            var b = ToLong(bound, "slice index");
            if (b < 0)
            {
                b += n;
            }

            return s > 0 ? Math.Clamp(b, 0, n) : Math.Clamp(b, -1, n - 1);
        }

        var from = Clamp(start, s > 0 ? 0 : n - 1);
        var to = Clamp(stop, s > 0 ? n : -1);
        var result = new List<object?>();
        for (var i = from; s > 0 ? i < to : i > to; i += s)
        {
            result.Add(items[(int)i]);
        }

        return target switch
        {
            string => string.Concat(result.Select(x => (string)x!)),
            PyTuple => new PyTuple(result),
            _ => result,
        };
    }
}
