using System.Numerics;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>The named queries of <c>ipaddr</c> (<c>'address'</c>, <c>'network'</c>, <c>'prefix'</c>, …), each as ansible.utils computes it.</summary>
internal static class IpQueries
{
    private delegate object? Query(IpNetwork v, string vtype, object? value, IpNetwork? lookup);

    private static readonly Dictionary<string, Query> Map = Build();

    public static bool Known(string query) => Map.ContainsKey(query);

    public static object? Apply(string query, IpNetwork v, string vtype, object? value, IpNetwork? lookup) => Map[query](v, vtype, value, lookup);

    private static Dictionary<string, Query> Build()
    {
        var map = new Dictionary<string, Query>(StringComparer.Ordinal)
        {
            [""] = (v, t, _, _) => t == "address" ? v.Ip : v.ToString(),
            ["address"] = (v, _, _, _) => Address(v),
            ["bool"] = (_, _, _, _) => true,
            ["broadcast"] = (v, _, _, _) => v.Size > 2 ? Format(v, v.Broadcast!.Value) : null,
            ["cidr"] = (v, _, _, _) => v.ToString(),
            ["cidr_lookup"] = (v, _, value, lookup) => lookup is not null && lookup.Version == v.Version && v.Network >= lookup.Network
                && v.Network + v.Size - 1 <= lookup.Network + lookup.Size - 1 ? value : null,
            ["first_usable"] = (v, t, _, _) => Usable(t, v, () => v.Size == 2 ? Format(v, v.Network) : Format(v, v.Network + 1)),
            ["host"] = (v, _, _, _) => v.Size == 1 ? v.ToString() : v.Value != v.Network || v.Broadcast is null ? v.ToString() : null,
            ["hostmask"] = (v, _, _, _) => Format(v, v.HostMask),
            ["int"] = (v, t, _, _) => t == "address" ? Number(v.Value) : $"{v.Value}/{v.Prefix}",
            ["ip/prefix"] = (v, _, _, _) => v.Size == 2 || (v.Size > 1 && v.Value != v.Network) ? v.ToString() : null,
            ["ip_netmask"] = (v, _, _, _) => v.Size == 2 || (v.Size > 1 && v.Value != v.Network) ? $"{v.Ip} {Format(v, v.NetMask)}" : null,
            ["ipv4"] = (v, _, value, _) => v.Version == 4 ? value : ToIpv4(v),
            ["ipv6"] = (v, _, value, _) => v.Version == 6 ? value : new IpNetwork(v.Value | (BigInteger)0xffff << 32, v.Prefix + 96, 6).ToString(),
            ["last_usable"] = (v, t, _, _) => Usable(t, v, () => Format(v, v.Size == 2 ? v.Network + 1 : v.Network + v.Size - 2)),
            ["link-local"] = (v, _, value, _) => Within(v, v.Version == 4 ? "169.254.0.0/16" : "fe80::/10") ? value : null,
            ["loopback"] = (v, _, value, _) => Within(v, v.Version == 4 ? "127.0.0.0/8" : "::1/128") ? value : null,
            ["multicast"] = (v, _, value, _) => Within(v, v.Version == 4 ? "224.0.0.0/4" : "ff00::/8") ? value : null,
            ["net"] = (v, _, _, _) => v.Size > 1 && v.Value == v.Network ? v.Cidr : null,
            ["next_usable"] = (v, t, _, _) => Usable(t, v, () => Step(v, 1)),
            ["netmask"] = (v, _, _, _) => Format(v, v.NetMask),
            ["network"] = (v, _, _, _) => Format(v, v.Network),
            ["network_netmask"] = (v, _, _, _) => $"{Format(v, v.Network)} {Format(v, v.NetMask)}",
            ["network_wildcard"] = (v, _, _, _) => $"{Format(v, v.Network)} {Format(v, v.HostMask)}",
            ["peer"] = (v, t, _, _) => Usable(t, v, () => Peer(v)),
            ["prefix"] = (v, _, _, _) => (long)v.Prefix,
            ["previous_usable"] = (v, t, _, _) => Usable(t, v, () => Step(v, -1)),
            ["private"] = (v, _, value, _) => Private(v) ? value : null,
            ["public"] = (v, _, value, _) => !Private(v) && !Within(v, v.Version == 4 ? "127.0.0.0/8" : "::1/128")
                && !Within(v, v.Version == 4 ? "224.0.0.0/3" : "ff00::/8") && !Within(v, "0.0.0.0/8") ? value : null,
            ["range_usable"] = (v, t, _, _) => Usable(t, v, () => v.Size > 1 ? $"{Format(v, First(v))}-{Format(v, Last(v))}" : null),
            ["size"] = (v, _, _, _) => Number(v.Size),
            ["size_usable"] = (v, _, _, _) => Number(v.Size == 1 ? 0 : v.Size == 2 ? 2 : v.Size - 2),
            ["subnet"] = (v, _, _, _) => v.Cidr,
            ["type"] = (v, _, _, _) => v.Size == 1 || v.Value != v.Network ? "address" : "network",
            ["unicast"] = (v, _, value, _) => !Within(v, v.Version == 4 ? "224.0.0.0/4" : "ff00::/8") ? value : null,
            ["version"] = (v, _, _, _) => (long)v.Version,
            ["wrap"] = (v, t, value, _) => v.Version == 6 ? t == "address" ? $"[{v.Ip}]" : $"[{v.Ip}]/{v.Prefix}" : value,
        };
        foreach (var alias in new[] { "address/prefix", "gateway", "gw", "host/prefix", "hostnet", "router" })
        {
            map[alias] = (v, _, _, _) => v.Size > 2 && (v.Value == v.Network || v.Value == v.Broadcast) ? false : v.ToString();
        }

        map["ip"] = map["address"];
        map["lo"] = map["loopback"];
        map["network_id"] = map["network"];
        map["network/prefix"] = map["subnet"];
        map["v4"] = map["ipv4"];
        map["v6"] = map["ipv6"];
        map["wildcard"] = map["hostmask"];
        return map;
    }

    private static object? Address(IpNetwork v) =>
        v.Size == 1 || v.Value != v.Network || v.Broadcast is null || v.Version == 6 ? v.Ip : null;

    private static object? Usable(string vtype, IpNetwork v, Func<object?> network) =>
        vtype == "address" ? throw new TemplateRuntimeException("Not a network address") : network();

    private static BigInteger First(IpNetwork v) => v.Size == 2 ? v.Network : v.Network + 1;

    private static BigInteger Last(IpNetwork v) => v.Size == 2 ? v.Network + 1 : v.Network + v.Size - 2;

    private static object? Step(IpNetwork v, int by) =>
        v.Size > 1 && v.Value + by >= First(v) && v.Value + by <= Last(v) ? Format(v, v.Value + by) : null;

    private static string Peer(IpNetwork v)
    {
        if (v.Size == 2)
        {
            return Format(v, v.Value ^ 1);
        }

        if (v.Size == 4)
        {
            var at = (int)(v.Value % 4);
            return at == 0 ? throw new TemplateRuntimeException("Network address of /30 has no peer")
                : at == 3 ? throw new TemplateRuntimeException("Broadcast address of /30 has no peer")
                : Format(v, v.Value ^ 3);
        }

        throw new TemplateRuntimeException("Not a point-to-point network");
    }

    private static object ToIpv4(IpNetwork v)
    {
        if (v.Value <= uint.MaxValue)
        {
            return new IpNetwork(v.Value, Math.Max(v.Prefix - 96, 0), 4).ToString();
        }

        return v.Value >> 32 == 0xffff ? new IpNetwork(v.Value & uint.MaxValue, Math.Max(v.Prefix - 96, 0), 4).ToString() : false;
    }

    /// <summary>netaddr's private ranges (RFC 1918, shared, benchmark, link-local, unique local).</summary>
    private static readonly string[] PrivateIpv4 = ["10.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "239.192.0.0/14", "169.254.0.0/16"];

    private static bool Private(IpNetwork v) => v.Version == 4
        ? PrivateIpv4.Any(r => Within(v, r))
        : Within(v, "fc00::/7") || Within(v, "fe80::/10");

    private static bool Within(IpNetwork v, string range)
    {
        var r = IpNetwork.Parse(range)!;
        return r.Version == v.Version && v.Network >= r.Network && v.Network + v.Size - 1 <= r.Network + r.Size - 1;
    }

    private static string Format(IpNetwork v, BigInteger value) => IpNetwork.Format(value, v.Version);

    private static object Number(BigInteger n) => n <= long.MaxValue ? (object)(long)n : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
