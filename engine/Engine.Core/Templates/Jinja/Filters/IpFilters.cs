using System.Globalization;
using System.Numerics;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>
/// The ansible.utils address filters (<c>ipaddr</c>, <c>ipv4</c>, <c>ipv6</c>, <c>ipsubnet</c>, <c>ipmath</c>, <c>nthhost</c>,
/// <c>network_in_usable</c>, <c>network_in_network</c>), ported from ansible.utils' ipaddr_utils with netaddr's
/// arithmetic: a value that is not an address gives <c>false</c>, a query that does not apply gives <c>none</c>.
/// </summary>
public static class IpFilters
{
    public static void Register(Dictionary<string, JinjaFunction> filters)
    {
        filters["ipaddr"] = new(c => IpAddr(c.DefinedInput, c.Arg(0, "query", string.Empty), 0, "ipaddr"));
        filters["ipv4"] = new(c => IpAddr(c.DefinedInput, c.Arg(0, "query", string.Empty), 4, "ipv4"));
        filters["ipv6"] = new(c => IpAddr(c.DefinedInput, c.Arg(0, "query", string.Empty), 6, "ipv6"));
        filters["ipsubnet"] = new(c => IpSubnet.Subnet(c.DefinedInput, Py.Str(c.Arg(0, "query", string.Empty)), c.Arg(1, "index")));
        filters["ipmath"] = new(c => IpMath(Py.Str(c.DefinedInput), c.Arg(0, "amount")));
        filters["nthhost"] = new(c => NthHost(c.DefinedInput, Py.Str(c.Arg(0, "query", string.Empty))));
        filters["network_in_usable"] = new(c => InRange(c.DefinedInput, c.Arg(0, "test"), usable: true));
        filters["network_in_network"] = new(c => InRange(c.DefinedInput, c.Arg(0, "test"), usable: false));
    }

    /// <summary>ansible.utils' <c>ipaddr(value, query, version)</c>.</summary>
    public static object? IpAddr(object? value, object? queryValue, int version, string alias)
    {
        var query = queryValue is null ? string.Empty : Py.Str(queryValue);
        if (Py.IsSequence(value))
        {
            return Py.Iterate(value).Select(e => IpAddr(e, query, version, alias)).Where(Py.Truthy).ToList();
        }

        if (!Py.Truthy(value) || value is true)
        {
            return false;
        }

        var text = Py.Str(value);
        IpNetwork? v;
        string vtype;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            v = IpNetwork.FromInteger(BigInteger.Parse(text, CultureInfo.InvariantCulture), -1, version == 6 ? 6 : 0);
            vtype = "address";
        }
        else if ((v = IpNetwork.Parse(text)) is not null)
        {
            vtype = text.Count(ch => ch == '/') == 1 ? "network" : "address";
        }
        else
        {
            var parts = text.Split('/');
            v = parts.Length == 2 && BigInteger.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var address)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
                ? IpNetwork.FromInteger(address, prefix) : null;
            vtype = "network";
        }

        if (v is null)
        {
            return false;
        }

        IpNetwork? lookup = null;
        if (query.Length > 0 && (!IpQueries.Known(query) || query == "cidr_lookup") && !query.All(char.IsAsciiDigit)
            && Py.Truthy(IpAddr(query, "network", 0, alias)))
        {
            lookup = IpNetwork.Parse(query);
            query = "cidr_lookup";
        }

        if (version != 0 && v.Version != version)
        {
            return false;
        }

        if (IpQueries.Known(query))
        {
            return IpQueries.Apply(query, v, vtype, value, lookup);
        }

        if (!double.TryParse(query, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new TemplateRuntimeException($"{alias}: unknown filter type: {query}");
        }

        if (v.Size == 1)
        {
            return vtype == "address" ? v.Ip : v.ToString();
        }

        return BigInteger.TryParse(query, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && (n < 0 ? v.Size + n >= 0 : n < v.Size)
            ? $"{IpNetwork.Format(v.Nth(n), v.Version)}/{v.Prefix}"
            : false;
    }

    private static object? IpMath(string value, object? amount)
    {
        var v = value.Contains('/', StringComparison.Ordinal) ? IpNetwork.Parse(value) : IpNetwork.Parse(value) is { } a && a.Prefix == a.Width ? a : null;
        if (v is null)
        {
            throw new TemplateRuntimeException($"You must pass a valid IP address; {value} is invalid");
        }

        if (amount is not long step)
        {
            throw new TemplateRuntimeException($"You must pass an integer for arithmetic; {Py.Str(amount)} is not a valid integer");
        }

        var result = v.Value + step;
        return result < 0 || result >= BigInteger.One << v.Width
            ? throw new TemplateRuntimeException($"{value} + {step} is outside the IPv{v.Version} address space")
            : IpNetwork.Format(result, v.Version);
    }

    private static object? NthHost(object? value, string query)
    {
        var network = Normalized(value);
        if (network is null || query.Length == 0)
        {
            return false;
        }

        if (!BigInteger.TryParse(query, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nth))
        {
            return false;
        }

        return network.Size > nth ? IpNetwork.Format(network.Nth(nth), network.Version) : false;
    }

    /// <summary>Whether every address of <paramref name="test"/> lies in <paramref name="value"/>'s usable range (or whole range).</summary>
    private static object? InRange(object? value, object? test, bool usable)
    {
        var v = Normalized(value);
        var w = Normalized(test);
        if (v is null || w is null)
        {
            throw new TemplateRuntimeException($"'{Py.Str(value)}' and '{Py.Str(test)}' must both be addresses or networks");
        }

        var (vFirst, vLast) = usable ? Usable(v) : (v.Network, v.Broadcast ?? v.Network);
        var (wFirst, wLast) = (w.Size > 1 ? w.Network : w.Value, w.Broadcast ?? (w.Size > 1 ? w.Network : w.Value));
        return vFirst <= wFirst && wFirst <= vLast && vFirst <= wLast && wLast <= vLast;
    }

    private static (BigInteger First, BigInteger Last) Usable(IpNetwork v) => v.Size switch
    {
        var s when s == 1 => (v.Value, v.Value),
        var s when s == 2 => (v.Network, v.Network + 1),
        _ => (v.Network + 1, v.Network + v.Size - 2),
    };

    /// <summary>ansible.utils' address normaliser: the value as its <c>subnet</c> (host bits cleared), null when not an address.</summary>
    internal static IpNetwork? Normalized(object? value) =>
        IpAddr(value, "subnet", 0, "ipaddr") is string subnet ? IpNetwork.Parse(subnet) : null;
}
