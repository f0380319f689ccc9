using System.Security.Cryptography;
using System.Text;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>SHA-crypt (<c>$6$</c>, <c>$5$</c>) as specified by Ulrich Drepper (https://www.akkadia.org/drepper/SHA-crypt.txt), for <c>password_hash</c>.</summary>
public static class ShaCrypt
{
    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly int[][] Order512 =
    [
        [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10],
        [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41],
    ];

    private static readonly int[][] Order256 =
    [
        [0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29],
    ];

    public static string Hash(string password, string? salt, int? rounds, bool sha512)
    {
        salt ??= RandomSalt();
        salt = salt.Length > 16 ? salt[..16] : salt;
        var n = Math.Clamp(rounds ?? 5000, 1000, 999_999_999);
        Func<byte[], byte[]> h = sha512 ? SHA512.HashData : SHA256.HashData;
        var p = Encoding.UTF8.GetBytes(password);
        var s = Encoding.UTF8.GetBytes(salt);
        var size = sha512 ? 64 : 32;
        var b = h([.. p, .. s, .. p]);
        var a = new List<byte>(p);
        a.AddRange(s);
        a.AddRange(Repeat(b, p.Length));
        for (var length = p.Length; length > 0; length >>= 1)
        {
            a.AddRange((length & 1) != 0 ? b : p);
        }

        var c = h([.. a]);
        var dp = h(Enumerable.Repeat(p, p.Length).SelectMany(x => x).ToArray());
        var pBytes = Repeat(dp, p.Length);
        var ds = h(Enumerable.Repeat(s, 16 + c[0]).SelectMany(x => x).ToArray());
        var sBytes = Repeat(ds, s.Length);
        for (var i = 0; i < n; i++)
        {
            var round = new List<byte>(size * 4);
            round.AddRange((i & 1) != 0 ? pBytes : c);
            if (i % 3 != 0)
            {
                round.AddRange(sBytes);
            }

            if (i % 7 != 0)
            {
                round.AddRange(pBytes);
            }

            round.AddRange((i & 1) != 0 ? c : pBytes);
            c = h([.. round]);
        }

        var text = new StringBuilder(sha512 ? "$6$" : "$5$");
        if (rounds is not null && n != 5000)
        {
            text.Append("rounds=").Append(n).Append('$');
        }

        text.Append(salt).Append('$');
        foreach (var group in sha512 ? Order512 : Order256)
        {
            Encode(text, c[group[0]], c[group[1]], c[group[2]], 4);
        }

        if (sha512)
        {
            Encode(text, 0, 0, c[63], 2);
        }
        else
        {
            Encode(text, 0, c[31], c[30], 3);
        }

        return text.ToString();
    }

    private static byte[] Repeat(byte[] source, int length) => Enumerable.Range(0, length).Select(i => source[i % source.Length]).ToArray();

    private static void Encode(StringBuilder text, byte b2, byte b1, byte b0, int count)
    {
        var w = (b2 << 16) | (b1 << 8) | b0;
        for (var i = 0; i < count; i++)
        {
            text.Append(Alphabet[w & 0x3f]);
            w >>= 6;
        }
    }

    private static string RandomSalt() => string.Concat(Enumerable.Range(0, 16).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));
}
