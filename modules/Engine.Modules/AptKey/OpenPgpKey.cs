using System.Security.Cryptography;
using System.Text;

namespace Converge.Modules.AptKey;

/// <summary>
/// An OpenPGP public key as apt reads it from a keyring file: the binary packets (ASCII armor removed, RFC 4880 §6.2)
/// and the v4 fingerprint of its primary key (SHA-1 over 0x99, the packet's length and body, RFC 4880 §12.2).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 4880 defines a v4 key's fingerprint as SHA-1; it identifies the key, it protects nothing.")]
public sealed record OpenPgpKey(byte[] Packets, string Fingerprint)
{
    public string KeyId => Fingerprint[^16..];

    public string ShortId => Fingerprint[^8..];

    /// <summary>Whether an id given by a user (8 or 16 hex digits or a fingerprint, maybe 0x-prefixed) names this key.</summary>
    public bool Matches(string id) => Fingerprint.EndsWith(id.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? id[2..].ToUpperInvariant() : id.ToUpperInvariant(), StringComparison.Ordinal);

    /// <summary>Reads armored or binary key data; null when it is not an OpenPGP v4 public key.</summary>
    public static OpenPgpKey? Read(byte[] data)
    {
        var packets = Dearmor(data) ?? data;
        if (packets.Length < 3 || (packets[0] & 0x80) == 0)
        {
            return null;
        }

        var first = packets[0];
        int tag, offset, length;
        if ((first & 0x40) != 0)
        {
            tag = first & 0x3F;
            var o1 = packets[1];
            (offset, length) = o1 switch
            {
                < 192 => (2, o1),
                < 224 => (3, ((o1 - 192) << 8) + packets[2] + 192),
                255 when packets.Length > 6 => (6, (packets[2] << 24) | (packets[3] << 16) | (packets[4] << 8) | packets[5]),
                _ => (0, -1),
            };
        }
        else
        {
            tag = (first >> 2) & 0xF;
            (offset, length) = (first & 3) switch
            {
                0 => (2, (int)packets[1]),
                1 => (3, (packets[1] << 8) | packets[2]),
                2 when packets.Length > 5 => (5, (packets[1] << 24) | (packets[2] << 16) | (packets[3] << 8) | packets[4]),
                _ => (0, -1),
            };
        }

        if (tag != 6 || length < 1 || offset + length > packets.Length || packets[offset] != 4)
        {
            return null;
        }

        var hashed = new byte[3 + length];
        (hashed[0], hashed[1], hashed[2]) = (0x99, (byte)(length >> 8), (byte)length);
        Array.Copy(packets, offset, hashed, 3, length);
        return new OpenPgpKey(packets, Convert.ToHexString(SHA1.HashData(hashed)));
    }

    private static byte[]? Dearmor(byte[] data)
    {
        var text = Encoding.ASCII.GetString(data);
        var begin = text.IndexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----", StringComparison.Ordinal);
        var end = text.IndexOf("-----END PGP PUBLIC KEY BLOCK-----", StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            return null;
        }

        var lines = text[begin..end].Split('\n').Skip(1).Select(l => l.Trim()).ToList();
        var body = lines.SkipWhile(l => l.Length > 0 && l.Contains(':', StringComparison.Ordinal)).Where(l => l.Length > 0 && !l.StartsWith('='));
        try
        {
            return Convert.FromBase64String(string.Concat(body));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
