using System.Globalization;
using System.Text.Json;
using Converge.Core.Inventory;

namespace Converge.Modules.Uri;

/// <summary>
/// The pure parser of what the uri script prints: curl's header blocks (<c>-D -</c>; one per redirect or
/// <c>100 Continue</c>) then the body on stdout, and the trailer <c>__converge_uri__ STATUS REDIRECTS URL</c> on stderr.
/// </summary>
public static class UriResponse
{
    public const string Trailer = "__converge_uri__ ";

    /// <summary>Ansible's registered keys: <c>status</c>, <c>url</c>, <c>redirected</c>, each header (lower case, <c>-</c> as <c>_</c>), <c>content</c>, <c>json</c>, <c>msg</c>.</summary>
    public static Dictionary<string, object?> Parse(string stdout, string stderr, bool returnContent)
    {
        var trailer = stderr.Split('\n').LastOrDefault(l => l.StartsWith(Trailer, StringComparison.Ordinal))?[Trailer.Length..].Split(' ', 3)
            ?? throw new FormatException("curl printed no status");
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = int.Parse(trailer[0], CultureInfo.InvariantCulture),
            ["redirected"] = trailer[1] != "0",
            ["url"] = trailer.ElementAtOrDefault(2)?.TrimEnd('\r'),
        };
        var rest = stdout;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        while (rest.StartsWith("HTTP/", StringComparison.Ordinal))
        {
            var end = rest.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var block = end < 0 ? rest : rest[..end];
            rest = end < 0 ? string.Empty : rest[(end + 4)..];
            headers.Clear();
            foreach (var line in block.Split("\r\n").Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim().ToLowerInvariant().Replace('-', '_')] = line[(colon + 1)..].Trim();
                }
            }
        }

        foreach (var (name, value) in headers)
        {
            output[name] = value;
        }

        output["msg"] = $"OK ({System.Text.Encoding.UTF8.GetByteCount(rest)} bytes)";
        if (returnContent)
        {
            output["content"] = rest;
            if (headers.TryGetValue("content_type", out var type) && type.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    using var json = JsonDocument.Parse(rest);
                    output["json"] = JsonPlain.ToPlain(json.RootElement);
                }
                catch (JsonException)
                {
                    // As Ansible: a body that says JSON but is not stays in content only.
                }
            }
        }

        return output;
    }
}
