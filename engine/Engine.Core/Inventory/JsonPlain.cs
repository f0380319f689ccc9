using System.Globalization;
using System.Text.Json;

namespace Converge.Core.Inventory;

/// <summary>JSON elements as plain values, with Python's json module's number rule: no fraction or exponent is an integer.</summary>
public static class JsonPlain
{
    public static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(
            new Dictionary<string, object?>(StringComparer.Ordinal),
            (d, p) =>
            {
                d[p.Name] = ToPlain(p.Value);
                return d;
            }),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => Number(element.GetRawText()),
        _ => null,
    };

    private static object Number(string raw) =>
        raw.IndexOfAny(['.', 'e', 'E']) < 0 && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? (object)l
            : double.Parse(raw, CultureInfo.InvariantCulture);
}
