using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>Serialisation and encoding: JSON, YAML, base64, hashes, URL encoding.</summary>
public static class DataFilters
{
    public static void Register(Dictionary<string, JinjaFunction> filters)
    {
        filters["to_json"] = new(c => PyJson.Dumps(c.DefinedInput, c.Arg(-1, "indent") is { } i ? (int)Py.ToLong(i, "indent") : null, c.Flag(-1, "sort_keys"), c.Flag(-1, "ensure_ascii", true)));
        filters["to_nice_json"] = new(c => PyJson.Dumps(c.DefinedInput, (int)c.Int(0, "indent", 4), c.Flag(-1, "sort_keys", true), c.Flag(-1, "ensure_ascii", true)));
        filters["from_json"] = new(c => FromJson(Py.Str(c.DefinedInput)));
        filters["to_yaml"] = new(c => PyYaml.Dump(c.DefinedInput, (int)c.Int(-1, "indent", 2), flowLeaves: !c.Kwargs.ContainsKey("default_flow_style") || c.Kwargs["default_flow_style"] is null));
        filters["to_nice_yaml"] = new(c => PyYaml.Dump(c.DefinedInput, (int)c.Int(0, "indent", 4), flowLeaves: false));
        filters["from_yaml"] = new(c => FromYaml(Py.Str(c.DefinedInput)));
        filters["b64encode"] = new(c => Convert.ToBase64String(Encoding.UTF8.GetBytes(Py.Str(c.DefinedInput))));
        filters["b64decode"] = new(c => Encoding.UTF8.GetString(Convert.FromBase64String(Py.Str(c.DefinedInput))));
        filters["hash"] = new(c => Hash(Py.Str(c.DefinedInput), c.Text(0, "hashtype", "sha1")));
        filters["checksum"] = new(c => Hash(Py.Str(c.DefinedInput), "sha1"));
        filters["md5"] = new(c => Hash(Py.Str(c.DefinedInput), "md5"));
        filters["sha1"] = new(c => Hash(Py.Str(c.DefinedInput), "sha1"));
        filters["urlencode"] = new(UrlEncode);
        filters["password_hash"] = new(PasswordHashFilter);
    }

    /// <summary>The digests Ansible's hash filter offers; MD5 and SHA-1 are there for compatibility (checksums), not security.</summary>
#pragma warning disable CA5350, CA5351
    public static string Hash(string text, string algorithm)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var hash = algorithm switch
        {
            "md5" => MD5.HashData(bytes),
            "sha1" => SHA1.HashData(bytes),
            "sha256" => SHA256.HashData(bytes),
            "sha384" => SHA384.HashData(bytes),
            "sha512" => SHA512.HashData(bytes),
            _ => throw new PyException($"unsupported hash type '{algorithm}' (md5, sha1, sha256, sha384, sha512)"),
        };
        return Convert.ToHexStringLower(hash);
    }
#pragma warning restore CA5350, CA5351

    private static object? FromJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return Plain(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new PyException($"invalid JSON: {e.Message}");
        }
    }

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static object? FromYaml(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : YamlValues.ToPlain(stream.Documents[0].RootNode);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new PyException($"invalid YAML: {e.Message}");
        }
    }

    private static object? UrlEncode(FilterCall c)
    {
        var value = c.DefinedInput;
        if (Py.IsMap(value))
        {
            return string.Join('&', Py.Entries(value).Select(e => $"{Quote(e.Key, string.Empty)}={Quote(Py.Str(e.Value), string.Empty)}"));
        }

        return Quote(Py.Str(value), "/");
    }

    /// <summary>Python's urllib.parse.quote: letters, digits and <c>_.-~</c> (and the safe characters) stay, the rest is percent-encoded UTF-8.</summary>
    private static string Quote(string text, string safe)
    {
        var result = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var ch = (char)b;
            if (b < 128 && (char.IsAsciiLetterOrDigit(ch) || "_.-~".Contains(ch, StringComparison.Ordinal) || safe.Contains(ch, StringComparison.Ordinal)))
            {
                result.Append(ch);
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }

    private static object? PasswordHashFilter(FilterCall c)
    {
        var scheme = c.Text(0, "hashtype", "sha512");
        var salt = c.Arg(1, "salt") is { } s ? Py.Str(s) : null;
        var rounds = c.Arg(2, "rounds") is { } r ? (int?)Py.ToLong(r, "rounds") : null;
        return scheme switch
        {
            "sha512" or "sha512_crypt" => ShaCrypt.Hash(Py.Str(c.DefinedInput), salt, rounds, sha512: true),
            "sha256" or "sha256_crypt" => ShaCrypt.Hash(Py.Str(c.DefinedInput), salt, rounds, sha512: false),
            _ => throw new PyException($"password_hash supports sha512 and sha256 (sha512_crypt, sha256_crypt), not '{scheme}'"),
        };
    }
}
