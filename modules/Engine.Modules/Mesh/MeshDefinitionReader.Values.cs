namespace Converge.Modules.Mesh;

/// <summary>Typed reads of single values of the mesh mapping; a wrong type is reported, never guessed.</summary>
internal sealed partial class MeshDefinitionReader
{
    private T Choice<T>(IReadOnlyDictionary<string, object?> map, string key, T fallback, params (string Name, T Value)[] choices)
    {
        if (!map.TryGetValue(key, out var value) || value is null)
        {
            return fallback;
        }

        foreach (var (name, choice) in choices)
        {
            if (value is string text && text.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        Error($"mesh.{key}: {MeshValues.Describe(value)} is not one of {string.Join(", ", choices.Select(c => c.Name))}");
        return fallback;
    }

    private string? Text(IReadOnlyDictionary<string, object?> map, string key)
    {
        if (!map.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        if (value is string text && text.Length > 0)
        {
            return text;
        }

        Error($"mesh.{key}: expected a non-empty string, not {MeshValues.Describe(value)}");
        return null;
    }

    private long? Number(IReadOnlyDictionary<string, object?> map, string key, long min, long max)
    {
        if (!map.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        if (MeshValues.AsLong(value) is { } number && number >= min && number <= max)
        {
            return number;
        }

        Error($"mesh.{key}: expected a whole number from {min} to {max}, not {MeshValues.Describe(value)}");
        return null;
    }

    private bool? Flag(IReadOnlyDictionary<string, object?> map, string key)
    {
        if (!map.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        if (value is bool flag)
        {
            return flag;
        }

        Error($"mesh.{key}: expected true or false, not {MeshValues.Describe(value)}");
        return null;
    }

    private Ipv4Cidr? Cidr(IReadOnlyDictionary<string, object?> map, string key)
    {
        if (Text(map, key) is not { } text)
        {
            return null;
        }

        if (Ipv4Cidr.TryParse(text, out var cidr, out var problem))
        {
            return cidr;
        }

        Error($"mesh.{key}: {problem}");
        return null;
    }
}
