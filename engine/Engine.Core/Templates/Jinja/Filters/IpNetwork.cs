using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>
/// An address with a prefix length, as Python's netaddr.IPNetwork holds it (the address keeps its host bits:
/// <c>192.168.1.10/24</c>), with the parts the ansible.utils address filters read.
/// </summary>
public sealed record IpNetwork(BigInteger Value, int Prefix, int Version)
{
    public int Width => Version == 4 ? 32 : 128;

    public BigInteger HostMask => (BigInteger.One << (Width - Prefix)) - 1;

    public BigInteger NetMask => ((BigInteger.One << Width) - 1) ^ HostMask;

    public BigInteger Network => Value & NetMask;

    /// <summary>netaddr has no broadcast for /31 and /32 (/127, /128).</summary>
    public BigInteger? Broadcast => Width - Prefix <= 1 ? null : Network | HostMask;

    public BigInteger Size => HostMask + 1;

    public string Ip => Format(Value, Version);

    public override string ToString() => $"{Ip}/{Prefix}";

    /// <summary>The network written as netaddr's <c>cidr</c>: host bits cleared.</summary>
    public string Cidr => $"{Format(Network, Version)}/{Prefix}";

    /// <summary>netaddr's <c>v[n]</c>: the n-th address of the network, counted from the end when negative.</summary>
    public BigInteger Nth(BigInteger n)
    {
        var index = n < 0 ? Size + n : n;
        return index < 0 || index >= Size ? throw new TemplateRuntimeException($"index {n} is outside {Cidr}") : Network + index;
    }

    public static string Format(BigInteger value, int version)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var full = new byte[version == 4 ? 4 : 16];
        Array.Copy(bytes, 0, full, full.Length - bytes.Length, bytes.Length);
        return new IPAddress(full).ToString();
    }

    /// <summary>Parses <c>a.b.c.d</c>, <c>a.b.c.d/24</c>, <c>a.b.c.d/255.255.255.0</c> or an IPv6 form; null when it is none.</summary>
    public static IpNetwork? Parse(string text)
    {
        var slash = text.IndexOf('/');
        var address = slash < 0 ? text : text[..slash];
        if (!IsAddress(address, out var ip))
        {
            return null;
        }

        var version = ip.AddressFamily == AddressFamily.InterNetwork ? 4 : 6;
        var value = new BigInteger(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        var width = version == 4 ? 32 : 128;
        if (slash < 0)
        {
            return new IpNetwork(value, width, version);
        }

        var suffix = text[(slash + 1)..];
        if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return prefix <= width ? new IpNetwork(value, prefix, version) : null;
        }

        if (version == 4 && IsAddress(suffix, out var mask) && mask.AddressFamily == AddressFamily.InterNetwork)
        {
            var bits = BitConverter.ToUInt32([.. mask.GetAddressBytes().Reverse()]);
            var ones = BitOperations.PopCount(bits);
            return bits == (ones == 0 ? 0u : uint.MaxValue << (32 - ones)) ? new IpNetwork(value, ones, 4) : null;
        }

        return null;
    }

    /// <summary>From a number: IPv4 when it fits in 32 bits, else IPv6 (as the filters guess).</summary>
    public static IpNetwork? FromInteger(BigInteger value, int prefix = -1, int version = 0)
    {
        if (value < 0 || value >= BigInteger.One << 128 || (version == 4 && value >= BigInteger.One << 32))
        {
            return null;
        }

        var v = version != 0 ? version : value < BigInteger.One << 32 ? 4 : 6;
        var width = v == 4 ? 32 : 128;
        return prefix > width ? null : new IpNetwork(value, prefix < 0 ? width : prefix, v);
    }

    private static bool IsAddress(string text, out IPAddress ip)
    {
        ip = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out ip!) && ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId == 0;
        }

        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length == 0 || p.Length > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, CultureInfo.InvariantCulture) > 255))
        {
            return false;
        }

        ip = IPAddress.Parse(text);
        return true;
    }
}
