using System.Globalization;
using System.Numerics;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>
/// ansible.utils' <c>ipsubnet(value, query, index)</c>: the number of subnets of a size, the n-th of them, the
/// supernet of an address, or the position of a subnet inside a bigger one.
/// </summary>
internal static class IpSubnet
{
    public static object? Subnet(object? input, string query, object? index)
    {
        if (IpFilters.Normalized(input) is not { } value)
        {
            return false;
        }

        var isAddress = Py.Str(IpFilters.IpAddr(value.Cidr, "type", 0, "ipsubnet")) == "address";
        if (query.Length == 0)
        {
            return value.Cidr;
        }

        if (query.All(char.IsAsciiDigit))
        {
            var size = int.Parse(query, CultureInfo.InvariantCulture);
            if (size > value.Width)
            {
                return false;
            }

            if (index is null)
            {
                if (isAddress)
                {
                    return Supernet(value, size);
                }

                return size < value.Prefix
                    ? throw new TemplateRuntimeException($"Requested subnet size of {size} is invalid")
                    : (BigInteger.One << (size - value.Prefix)).ToString(CultureInfo.InvariantCulture);
            }

            var n = Py.ToLong(index, "index");
            if (isAddress)
            {
                var supernets = Enumerable.Range(size, Math.Max(value.Prefix - size, 0)).Select(p => Supernet(value, p)).ToList();
                var at = n < 0 ? supernets.Count + n : n;
                return at < 0 || at >= supernets.Count ? throw new TemplateRuntimeException($"index {n} is outside the {supernets.Count} supernets") : supernets[(int)at];
            }

            var count = BigInteger.One << (size - value.Prefix);
            BigInteger i = n < 0 ? n + count : n;
            return i < 0 || i >= count ? false : $"{IpNetwork.Format(value.Network + (i << (value.Width - size)), value.Version)}/{size}";
        }

        if (IpFilters.Normalized(query) is not { } outer)
        {
            throw new TemplateRuntimeException($"You must pass a valid subnet or IP address; {query} is invalid");
        }

        if (outer.Version == value.Version && value.Value >> (value.Width - outer.Prefix) == outer.Value >> (value.Width - outer.Prefix))
        {
            var position = ((value.Value & (((BigInteger.One << (value.Prefix - outer.Prefix)) - 1) << (value.Width - value.Prefix))) >> (value.Width - value.Prefix)) + 1;
            return position.ToString(CultureInfo.InvariantCulture);
        }

        throw new TemplateRuntimeException($"{value.Cidr} is not in the subnet {outer.Cidr}");
    }

    private static string Supernet(IpNetwork value, int prefix) => new IpNetwork(value.Value, prefix, value.Version).Cidr;
}
