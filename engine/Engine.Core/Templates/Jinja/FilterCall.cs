namespace Converge.Core.Templates.Jinja;

/// <summary>The input and arguments of one filter or test call, with Python-style argument access.</summary>
public sealed record FilterCall(RenderSession Session, object? Input, IReadOnlyList<object?> Args, IReadOnlyDictionary<string, object?> Kwargs, string Name)
{
    /// <summary>The argument at <paramref name="index"/> (after the input) or named <paramref name="name"/>, else the default.</summary>
    public object? Arg(int index, string name, object? fallback = null)
    {
        if (Kwargs.TryGetValue(name, out var named))
        {
            return Py.Defined(named);
        }

        return index >= 0 && index < Args.Count ? Py.Defined(Args[index]) : fallback;
    }

    public bool Has(int index, string name) => Kwargs.ContainsKey(name) || (index >= 0 && index < Args.Count);

    public string Text(int index, string name, string fallback) => Arg(index, name) is { } v ? Py.Str(v) : fallback;

    public bool Flag(int index, string name, bool fallback = false) => Arg(index, name) is { } v ? Py.Truthy(v) : fallback;

    public long Int(int index, string name, long fallback) => Arg(index, name) is { } v ? Py.ToLong(v, name) : fallback;

    public object? DefinedInput => Py.Defined(Input);
}
