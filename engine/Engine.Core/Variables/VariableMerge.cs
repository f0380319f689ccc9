namespace Converge.Core.Variables;

/// <summary>
/// Combines variable layers the way Ansible does with its default <c>hash_behaviour = replace</c>
/// (utils/vars.py <c>combine_vars</c>): a later layer replaces a key of an earlier one as a whole,
/// dictionaries included; nothing is merged deeply.
/// </summary>
public static class VariableMerge
{
    /// <summary>A new dictionary holding every layer, later layers winning key by key.</summary>
    public static Dictionary<string, object?> Combine(params IEnumerable<IReadOnlyDictionary<string, object?>?> layers)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            Overlay(result, layer);
        }

        return result;
    }

    /// <summary>Writes <paramref name="layer"/> over <paramref name="target"/>, replacing keys it defines; a null layer adds nothing.</summary>
    /// <typeparam name="TValue">Plain values, or values with their source span (inventory).</typeparam>
    public static void Overlay<TValue>(IDictionary<string, TValue> target, IEnumerable<KeyValuePair<string, TValue>>? layer)
    {
        foreach (var (key, value) in layer ?? [])
        {
            target[key] = value;
        }
    }
}
