namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>Global functions: <c>range</c>, <c>dict</c>, <c>namespace</c>, <c>lookup</c>/<c>query</c>/<c>q</c>, and <c>omit</c>.</summary>
public static class Globals
{
    /// <summary>The placeholder <c>omit</c> renders to; a module parameter whose value is exactly this is dropped.</summary>
    public const string Omit = "__omit_place_holder__converge";

    public static void Register(Dictionary<string, object?> globals)
    {
        globals["range"] = new Function((_, args, _) => Range(args));
        globals["dict"] = new Function((_, args, kwargs) =>
        {
            var map = args.Count > 0 ? (Py.IsMap(args[0]) ? Py.Entries(args[0]).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal) : CollectionFilters.ToDict(Py.Iterate(args[0]))) : new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in kwargs)
            {
                map[key] = value;
            }

            return map;
        });
        globals["namespace"] = new Function((_, args, kwargs) => new Namespace(kwargs));
        globals["lookup"] = new Function((session, args, kwargs) => Lookups.Run(session, args, kwargs, wantList: kwargs.TryGetValue("wantlist", out var w) && Py.Truthy(w)));
        globals["query"] = globals["q"] = new Function((session, args, kwargs) => Lookups.Run(session, args, kwargs, wantList: true));
        globals["omit"] = Omit;
    }

    private static List<object?> Range(IReadOnlyList<object?> args)
    {
        var values = args.Select(a => Py.ToLong(a, "range() argument")).ToList();
        var (start, stop, step) = values.Count switch
        {
            1 => (0L, values[0], 1L),
            2 => (values[0], values[1], 1L),
            3 => (values[0], values[1], values[2]),
            _ => throw new PyException($"range expected 1 to 3 arguments, got {values.Count}"),
        };
        if (step == 0)
        {
            throw new PyException("range() arg 3 must not be zero");
        }

        var count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        if (count > 100_000)
        {
            throw new PyException($"range of {count} items is past the 100000 bound");
        }

        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            result.Add(i);
        }

        return result;
    }

    /// <summary>A global function.</summary>
    public sealed class Function(Func<RenderSession, IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, object?> body) : IJinjaCallable
    {
        public object? Call(RenderSession session, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs) => body(session, args, kwargs);
    }
}
