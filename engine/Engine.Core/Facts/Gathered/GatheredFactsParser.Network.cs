using System.Net;
using System.Text.Json;

namespace Converge.Core.Facts.Gathered;

/// <summary>
/// Interfaces and default routes, as ansible/module_utils/facts/network/linux.py reports them, read from
/// one <c>ip -j -d addr show</c> and two route look-ups (<c>ip route get</c> asks the kernel's routing
/// table; it sends nothing).
/// </summary>
public static partial class GatheredFactsParser
{
    private static void Network(Dictionary<string, string> sections, Dictionary<string, object?> facts)
    {
        var defaultV4 = RouteGet(Text(sections, "route4"), "8.8.8.8");
        var defaultV6 = RouteGet(Text(sections, "route6"), "2404:6800:400a:800::1012");
        var names = new List<object?>();
        var allV4 = new List<object?>();
        var allV6 = new List<object?>();
        var json = Text(sections, "ip-addr").Trim();
        if (json.Length > 0)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var link in document.RootElement.EnumerateArray())
            {
                var device = link.GetProperty("ifname").GetString()!;
                names.Add(device);
                var facts_ = Interface(link, device, defaultV4, defaultV6, allV4, allV6);
                facts[device.Replace('-', '_')] = facts_;
            }
        }

        facts["interfaces"] = names;
        facts["all_ipv4_addresses"] = allV4;
        facts["all_ipv6_addresses"] = allV6;
        facts["default_ipv4"] = defaultV4;
        facts["default_ipv6"] = defaultV6;
    }

    private static Dictionary<string, object?> Interface(JsonElement link, string device, Dictionary<string, object?> defaultV4, Dictionary<string, object?> defaultV6, List<object?> allV4, List<object?> allV6)
    {
        string? Str(string name) => link.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var flags = link.TryGetProperty("flags", out var f) ? f.EnumerateArray().Select(x => x.GetString()).ToList() : [];
        var kind = link.TryGetProperty("linkinfo", out var info) && info.TryGetProperty("info_kind", out var k) ? k.GetString() : null;
        var type = kind switch
        {
            "bridge" => "bridge",
            "bond" => "bonding",
            _ => Str("link_type") switch { "ether" => "ether", "loopback" => "loopback", "none" => "tunnel", "ppp" => "ppp", _ => "unknown" },
        };
        var mtu = link.TryGetProperty("mtu", out var m) ? m.GetInt64() : 0;
        var mac = Str("address");
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["device"] = device,
            ["mtu"] = mtu,
            ["active"] = !string.Equals(Str("operstate"), "DOWN", StringComparison.Ordinal),
            ["type"] = type,
            ["promisc"] = flags.Contains("PROMISC"),
        };
        if (mac is { Length: > 0 } && mac != "00:00:00:00:00:00")
        {
            facts["macaddress"] = mac;
        }

        if (!link.TryGetProperty("addr_info", out var addresses))
        {
            return facts;
        }

        foreach (var address in addresses.EnumerateArray())
        {
            var family = address.GetProperty("family").GetString();
            var local = address.GetProperty("local").GetString()!;
            var prefix = address.GetProperty("prefixlen").GetInt32();
            if (family == "inet")
            {
                var entry = Ipv4(local, prefix, address.TryGetProperty("broadcast", out var b) ? b.GetString() ?? string.Empty : string.Empty);
                var secondary = address.TryGetProperty("secondary", out var s) && s.GetBoolean();
                if (!secondary && !facts.ContainsKey("ipv4"))
                {
                    facts["ipv4"] = entry;
                }
                else
                {
                    ((List<object?>)(facts.TryGetValue("ipv4_secondaries", out var list) ? list! : facts["ipv4_secondaries"] = new List<object?>())).Add(entry);
                }

                if (Equals(defaultV4.GetValueOrDefault("address"), local))
                {
                    foreach (var key in new[] { "broadcast", "netmask", "network", "prefix" })
                    {
                        defaultV4[key] = entry[key];
                    }

                    defaultV4["macaddress"] = facts.GetValueOrDefault("macaddress") ?? mac;
                    defaultV4["mtu"] = mtu;
                    defaultV4["type"] = type;
                    defaultV4["alias"] = address.TryGetProperty("label", out var label) ? label.GetString() : device;
                }

                if (!local.StartsWith("127.", StringComparison.Ordinal))
                {
                    allV4.Add(local);
                }
            }
            else if (family == "inet6")
            {
                var scope = address.TryGetProperty("scope", out var sc) ? sc.GetString() : string.Empty;
                var entry = new Dictionary<string, object?>(StringComparer.Ordinal) { ["address"] = local, ["prefix"] = prefix.ToString(System.Globalization.CultureInfo.InvariantCulture), ["scope"] = scope };
                ((List<object?>)(facts.TryGetValue("ipv6", out var list) ? list! : facts["ipv6"] = new List<object?>())).Add(entry);
                if (Equals(defaultV6.GetValueOrDefault("address"), local))
                {
                    defaultV6["prefix"] = entry["prefix"];
                    defaultV6["scope"] = scope;
                    defaultV6["macaddress"] = facts.GetValueOrDefault("macaddress") ?? mac;
                    defaultV6["mtu"] = mtu;
                    defaultV6["type"] = type;
                }

                if (local != "::1")
                {
                    allV6.Add(local);
                }
            }
        }

        return facts;
    }

    private static Dictionary<string, object?> Ipv4(string address, int prefix, string broadcast)
    {
        var bits = BitConverter.ToUInt32([.. IPAddress.Parse(address).GetAddressBytes().Reverse()], 0);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        static string Dotted(uint value) => new IPAddress(BitConverter.GetBytes(value).Reverse().ToArray()).ToString();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["address"] = address,
            ["broadcast"] = broadcast,
            ["netmask"] = Dotted(mask),
            ["network"] = Dotted(bits & mask),
            ["prefix"] = prefix.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>"8.8.8.8 via GW dev IF src ADDR ...": interface, address and gateway, as Ansible reads them.</summary>
    private static Dictionary<string, object?> RouteGet(string output, string target)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var words = output.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words[0] != target)
        {
            return result;
        }

        for (var i = 0; i < words.Length - 1; i++)
        {
            switch (words[i])
            {
                case "dev": result["interface"] = words[i + 1]; break;
                case "src": result["address"] = words[i + 1]; break;
                case "via" when words[i + 1] != target: result["gateway"] = words[i + 1]; break;
            }
        }

        return result;
    }
}
