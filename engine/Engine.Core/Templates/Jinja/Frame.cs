namespace Converge.Core.Templates.Jinja;

/// <summary>A scope of template-local names (loop variables, <c>set</c>, macro arguments) over its parent.</summary>
public sealed class Frame(Frame? parent)
{
    private Dictionary<string, object?>? _names;

    public Frame? Parent { get; } = parent;

    public bool TryGet(string name, out object? value)
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (frame._names is not null && frame._names.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Set(string name, object? value) => (_names ??= new(StringComparer.Ordinal))[name] = value;
}
