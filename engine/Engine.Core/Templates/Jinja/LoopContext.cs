namespace Converge.Core.Templates.Jinja;

/// <summary>The <c>loop</c> variable inside a <c>for</c>: index, first/last, length, cycle, and recursion.</summary>
public sealed class LoopContext(List<object?> items, int index, int depth, Func<object?, string>? recurse) : IJinjaObject, IJinjaCallable
{
    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "index" => (long)index + 1,
            "index0" => (long)index,
            "revindex" => (long)(items.Count - index),
            "revindex0" => (long)(items.Count - index - 1),
            "first" => index == 0,
            "last" => index == items.Count - 1,
            "length" => (long)items.Count,
            "depth" => (long)depth + 1,
            "depth0" => (long)depth,
            "previtem" => index > 0 ? items[index - 1] : new Undefined("loop.previtem", 0, 0),
            "nextitem" => index < items.Count - 1 ? items[index + 1] : new Undefined("loop.nextitem", 0, 0),
            "cycle" => new Cycle(index),
            _ => null,
        };
        return value is not null || name is "previtem" or "nextitem";
    }

    /// <summary><c>loop(children)</c> in a recursive loop renders the loop body for the children.</summary>
    public object? Call(RenderSession session, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs) =>
        recurse is null ? throw new PyException("the loop is not recursive ({% for ... recursive %})") : recurse(args.Count > 0 ? args[0] : null);

    private sealed class Cycle(int index) : IJinjaCallable
    {
        public object? Call(RenderSession session, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs) =>
            args.Count == 0 ? throw new PyException("no items for cycling given") : args[index % args.Count];
    }
}
