using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Converge.Modules.Mesh;

/// <summary>An IPv4 network in CIDR notation (<c>172.17.64.0/18</c>), with the arithmetic the mesh needs.</summary>
public readonly record struct Ipv4Cidr(uint Network, int Prefix)
{
    public uint Mask => Prefix == 0 ? 0u : uint.MaxValue << (32 - Prefix);

    public uint Size => Prefix == 0 ? uint.MaxValue : 1u << (32 - Prefix);

    public uint First => Network;

    public uint Last => Network | ~Mask;

    public string NetworkText => Format(Network);

    public string NetmaskText => Format(Mask);

    public bool Contains(uint address) => (address & Mask) == Network;

    public bool Contains(Ipv4Cidr other) => other.Prefix >= Prefix && Contains(other.Network);

    public bool Overlaps(Ipv4Cidr other) => Contains(other.Network) || other.Contains(Network);

    /// <summary>Parses <c>a.b.c.d/n</c>; the address must be the network address (no host bits), as Docker requires for fixed-cidr.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Ipv4Cidr? cidr, out string? problem)
    {
        cidr = null;
        problem = null;
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length != 2 || !TryParseAddress(parts[0], out var address) || !int.TryParse(parts[1], out var prefix) || prefix is < 0 or > 32)
        {
            problem = $"'{text}' is not an IPv4 network in CIDR notation (e.g. 172.17.0.0/16)";
            return false;
        }

        var candidate = new Ipv4Cidr(address, prefix);
        if ((address & candidate.Mask) != address)
        {
            problem = $"'{text}' has host bits set; the network is {Format(address & candidate.Mask)}/{prefix}";
            return false;
        }

        cidr = candidate;
        return true;
    }

    public static bool TryParseAddress(string? text, out uint address)
    {
        address = 0;
        if (text is null || text.Count(c => c == '.') != 3 || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var bytes = ip.GetAddressBytes();
        address = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return true;
    }

    public static string Format(uint address) =>
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}";

    public override string ToString() => $"{NetworkText}/{Prefix}";
}
