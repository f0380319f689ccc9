using System.Globalization;

namespace Converge.Core.Templates.Jinja;

/// <summary>The Python methods Ansible users call on strings, dicts and lists (<c>x.split(',')</c>, <c>d.items()</c>).</summary>
public static partial class Methods
{
    public static bool TryCall(RenderSession session, object? target, string name, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, out object? result)
    {
        var call = new FilterCall(session, target, args, kwargs, name);
        result = target switch
        {
            string s => StringMethod(s, name, call),
            var map when Py.IsMap(map) => DictMethod(map!, name, call),
            List<object?> list when target is not PyTuple => ListMethod(list, name, call),
            System.Collections.IEnumerable e when target is not string => SequenceMethod(Py.ToList(e), name, call),
            _ => NotFound.Instance,
        };
        if (result is NotFound)
        {
            result = null;
            return false;
        }

        return true;
    }

    private sealed class NotFound
    {
        public static readonly NotFound Instance = new();
    }

    private static object? DictMethod(object map, string name, FilterCall call) => name switch
    {
        "items" => Py.Entries(map).Select(e => (object?)new PyTuple([e.Key, e.Value])).ToList(),
        "keys" => Py.Entries(map).Select(e => (object?)e.Key).ToList(),
        "values" => Py.Entries(map).Select(e => e.Value).ToList(),
        "get" => Py.TryGetKey(map, Py.Str(call.Arg(0, "key")), out var v) ? v : call.Arg(1, "default"),
        "copy" => Py.Entries(map).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
        "update" when map is IDictionary<string, object?> d => Update(d, call.Arg(0, "other")),
        _ => NotFound.Instance,
    };

    private static object? Update(IDictionary<string, object?> target, object? other)
    {
        foreach (var (key, value) in Py.Entries(other))
        {
            target[key] = value;
        }

        return null;
    }

    private static object? ListMethod(List<object?> list, string name, FilterCall call)
    {
        switch (name)
        {
            case "append":
                list.Add(call.Args.Count > 0 ? call.Args[0] : null);
                return null;
            case "extend":
                list.AddRange(Py.ToList(call.Arg(0, "iterable")));
                return null;
            case "insert":
                list.Insert((int)Math.Clamp(call.Int(0, "index", 0), 0, list.Count), call.Arg(1, "object"));
                return null;
            case "pop":
                var at = (int)call.Int(0, "index", -1);
                at = at < 0 ? at + list.Count : at;
                if (at < 0 || at >= list.Count)
                {
                    throw new PyException("pop index out of range");
                }

                var item = list[at];
                list.RemoveAt(at);
                return item;
            case "remove":
                var found = list.FindIndex(x => Py.Equals(x, call.Arg(0, "value")));
                if (found < 0)
                {
                    throw new PyException("list.remove(x): x not in list");
                }

                list.RemoveAt(found);
                return null;
            default:
                return SequenceMethod(list, name, call);
        }
    }

    private static object? SequenceMethod(List<object?> list, string name, FilterCall call) => name switch
    {
        "index" => list.FindIndex(x => Py.Equals(x, call.Arg(0, "value"))) is var i && i >= 0 ? (long)i : throw new PyException("x not in list"),
        "count" => (long)list.Count(x => Py.Equals(x, call.Arg(0, "value"))),
        "copy" => list.ToList(),
        _ => NotFound.Instance,
    };

    private static string Text(FilterCall call, int index, string name) => call.Arg(index, name) is string s ? s : throw new PyException($"{call.Name}() argument must be str, not {Py.TypeName(call.Arg(index, name))}");

    private static string Chars(FilterCall call) => call.Arg(0, "chars") is string chars ? chars : string.Empty;

    private static string Strip(string s, FilterCall call, bool start, bool end)
    {
        var chars = call.Arg(0, "chars") is string c ? c.ToCharArray() : null;
        return (start, end) switch
        {
            (true, true) => chars is null ? s.Trim() : s.Trim(chars),
            (true, false) => chars is null ? s.TrimStart() : s.TrimStart(chars),
            _ => chars is null ? s.TrimEnd() : s.TrimEnd(chars),
        };
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
