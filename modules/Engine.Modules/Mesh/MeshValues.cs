using System.Collections;
using System.Globalization;

namespace Converge.Modules.Mesh;

/// <summary>Reading plain inventory values (string, long, bool, lists, mappings) without trusting their shape.</summary>
internal static class MeshValues
{
    public static IReadOnlyDictionary<string, object?>? AsMap(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map,
        IDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        _ => null,
    };

    public static IReadOnlyList<object?>? AsList(object? value) => value switch
    {
        string or IDictionary or IReadOnlyDictionary<string, object?> => null,
        IEnumerable<object?> items => [.. items],
        IEnumerable items => [.. items.Cast<object?>()],
        _ => null,
    };

    public static long? AsLong(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d when d == Math.Floor(d) => (long)d,
        string s when long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>A value as a person reads it in a message: strings quoted, others by YAML spelling.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        IReadOnlyDictionary<string, object?> or IDictionary => "a mapping",
        IEnumerable => "a list",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    /// <summary>Structural equality of plain values, to tell whether two hosts see the same mesh definition.</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        if (AsMap(a) is { } mapA && AsMap(b) is { } mapB)
        {
            return mapA.Count == mapB.Count && mapA.All(p => mapB.TryGetValue(p.Key, out var other) && DeepEquals(p.Value, other));
        }

        if (AsList(a) is { } listA && AsList(b) is { } listB)
        {
            return listA.Count == listB.Count && listA.Zip(listB).All(p => DeepEquals(p.First, p.Second));
        }

        return Equals(a, b);
    }
}
