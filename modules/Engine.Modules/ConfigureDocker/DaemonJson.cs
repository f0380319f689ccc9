using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Converge.Modules.ConfigureDocker;

/// <summary>
/// daemon.json: the desired object (managed keys + options, merged into the existing file's other keys when
/// they are kept) and a semantic comparison (key order, spacing and number spelling are not drift).
/// </summary>
public static class DaemonJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The keys and values this task sets, in a stable order.</summary>
    public static JsonObject Desired(ConfigureDockerParams p)
    {
        var json = new JsonObject();
        if (p.Bridge is not null)
        {
            json["bridge"] = p.Bridge;
        }

        if (p.Bip is not null)
        {
            json["bip"] = p.Bip;
        }

        if (p.FixedCidr is not null)
        {
            json["fixed-cidr"] = p.FixedCidr;
        }

        if (p.Mtu is not null)
        {
            json["mtu"] = p.Mtu;
        }

        if (p.Hosts.Count > 0)
        {
            json["hosts"] = new JsonArray([.. p.Hosts.Select(h => (JsonNode?)h)]);
        }

        foreach (var (key, value) in p.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            json[key] = ToNode(value);
        }

        return json;
    }

    /// <summary>
    /// The file's new object: the existing one with the managed keys replaced in place and new keys appended,
    /// so a user's diff stays small; without <paramref name="keepUnmanaged"/> only the desired keys remain.
    /// </summary>
    public static JsonObject Merge(JsonObject? existing, JsonObject desired, bool keepUnmanaged)
    {
        var result = new JsonObject();
        if (existing is not null && keepUnmanaged)
        {
            foreach (var (key, value) in existing)
            {
                result[key] = desired.ContainsKey(key) ? desired[key]!.DeepClone() : value?.DeepClone();
            }
        }

        foreach (var (key, value) in desired.Where(p => !result.ContainsKey(p.Key)))
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    public static string Render(JsonObject json) => json.ToJsonString(Indented) + "\n";

    /// <summary>Parses an existing file; throws <see cref="JsonException"/> with the position when it is not a JSON object.</summary>
    public static JsonObject Parse(string text) =>
        JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false }) as JsonObject
        ?? throw new JsonException("the top level is not an object");

    /// <summary>Semantic equality: objects by key set regardless of order, arrays in order, numbers by value.</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && Same(p.Value, other)),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number =>
            decimal.Parse(x.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(y.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        long l => l,
        int i => i,
        double d => d,
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToNode(p.Value)))),
        IDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToNode(p.Value)))),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToNode)]),
        _ => JsonValue.Create(value.ToString()),
    };
}
