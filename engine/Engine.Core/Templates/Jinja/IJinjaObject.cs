namespace Converge.Core.Templates.Jinja;

/// <summary>A runtime object with attributes (<c>loop</c>, a namespace, another host's variables).</summary>
public interface IJinjaObject
{
    bool TryGetAttribute(string name, out object? value);
}
