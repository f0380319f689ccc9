namespace Converge.Core.Templates.Jinja;

/// <summary>Jinja's <c>namespace()</c>: attributes a loop body can assign (<c>{% set ns.found = true %}</c>).</summary>
public sealed class Namespace(IReadOnlyDictionary<string, object?> initial) : IJinjaObject
{
    private readonly Dictionary<string, object?> _values = new(initial, StringComparer.Ordinal);

    public bool TryGetAttribute(string name, out object? value) => _values.TryGetValue(name, out value);

    public void Set(string name, object? value) => _values[name] = value;

    public override string ToString() => $"<Namespace {Py.Repr(_values)}>";
}
