using System.Globalization;
using System.Text.Json;

namespace Converge.Core.Tests.Inventory;

/// <summary>
/// Compares two JSON documents as values: object keys in any order, arrays in order, numbers by value with
/// integers distinct from floats (Python prints <c>1.0</c> for a float), strings exactly.
/// </summary>
internal static class JsonSemantic
{
    /// <summary>The paths where the documents differ, empty when they are equal.</summary>
    public static List<string> Differences(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        var differences = new List<string>();
        Compare(e.RootElement, a.RootElement, "$", differences);
        return differences;
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (Kind(expected) != Kind(actual))
        {
            differences.Add($"{path}: expected {expected.GetRawText()} but got {actual.GetRawText()}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedProperties = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var actualProperties = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                foreach (var name in expectedProperties.Keys.Union(actualProperties.Keys).Order(StringComparer.Ordinal))
                {
                    if (!actualProperties.TryGetValue(name, out var actualValue))
                    {
                        differences.Add($"{path}.{name}: missing (expected {expectedProperties[name].GetRawText()})");
                    }
                    else if (!expectedProperties.TryGetValue(name, out var expectedValue))
                    {
                        differences.Add($"{path}.{name}: unexpected {actualValue.GetRawText()}");
                    }
                    else
                    {
                        Compare(expectedValue, actualValue, $"{path}.{name}", differences);
                    }
                }

                break;
            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToList();
                var actualItems = actual.EnumerateArray().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    differences.Add($"{path}: expected {expected.GetRawText()} but got {actual.GetRawText()}");
                    return;
                }

                for (var i = 0; i < expectedItems.Count; i++)
                {
                    Compare(expectedItems[i], actualItems[i], $"{path}[{i}]", differences);
                }

                break;
            case JsonValueKind.Number:
                if (double.Parse(expected.GetRawText(), CultureInfo.InvariantCulture) != double.Parse(actual.GetRawText(), CultureInfo.InvariantCulture))
                {
                    differences.Add($"{path}: expected {expected.GetRawText()} but got {actual.GetRawText()}");
                }

                break;
            case JsonValueKind.String:
                if (expected.GetString() != actual.GetString())
                {
                    differences.Add($"{path}: expected {expected.GetRawText()} but got {actual.GetRawText()}");
                }

                break;
        }
    }

    /// <summary>The value kind, with numbers split into integer and float as Python's json module writes them.</summary>
    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0 ? "integer" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        var kind => kind.ToString(),
    };
}
