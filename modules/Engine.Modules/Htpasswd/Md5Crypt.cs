using System.Security.Cryptography;
using System.Text;

namespace Converge.Modules.Htpasswd;

/// <summary>
/// The MD5-based crypt of FreeBSD (<c>$1$</c>) and its Apache variant (<c>$apr1$</c>, what <c>htpasswd -m</c> and passlib's
/// apr_md5_crypt write): 1000 rounds of MD5 over password, salt and magic, encoded in crypt's base-64 alphabet.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "MD5-crypt is the format Apache and Ansible's htpasswd write; the file's format, not a choice.")]
public static class Md5Crypt
{
    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A fresh 8-character salt from the crypt alphabet.</summary>
    public static string NewSalt() => RandomNumberGenerator.GetString(Alphabet, 8);

    public static string Hash(string password, string salt, string magic)
    {
        var pw = Encoding.UTF8.GetBytes(password);
        var s = Encoding.ASCII.GetBytes(salt.Length > 8 ? salt[..8] : salt);
        var m = Encoding.ASCII.GetBytes(magic);
        var alternate = MD5.HashData([.. pw, .. s, .. pw]);
        var context = new List<byte>([.. pw, .. m, .. s]);
        for (var i = pw.Length; i > 0; i -= 16)
        {
            context.AddRange(alternate.Take(Math.Min(16, i)));
        }

        for (var i = pw.Length; i > 0; i >>= 1)
        {
            context.Add((i & 1) != 0 ? (byte)0 : pw.Length > 0 ? pw[0] : (byte)0);
        }

        var final = MD5.HashData([.. context]);
        for (var i = 0; i < 1000; i++)
        {
            var round = new List<byte>((i & 1) != 0 ? pw : final);
            if (i % 3 != 0)
            {
                round.AddRange(s);
            }

            if (i % 7 != 0)
            {
                round.AddRange(pw);
            }

            round.AddRange((i & 1) != 0 ? final : pw);
            final = MD5.HashData([.. round]);
        }

        var text = new StringBuilder(magic).Append(Encoding.ASCII.GetString(s)).Append('$');
        foreach (var (a, b, c) in new[] { (0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5) })
        {
            Encode(text, (final[a] << 16) | (final[b] << 8) | final[c], 4);
        }

        Encode(text, final[11], 2);
        return text.ToString();
    }

    /// <summary>Whether <paramref name="hash"/> (<c>$apr1$SALT$…</c> or <c>$1$SALT$…</c>) is <paramref name="password"/>'s.</summary>
    public static bool Verify(string password, string hash)
    {
        foreach (var magic in new[] { "$apr1$", "$1$" })
        {
            if (hash.StartsWith(magic, StringComparison.Ordinal))
            {
                var salt = hash[magic.Length..].Split('$')[0];
                return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(password, salt, magic)), Encoding.ASCII.GetBytes(hash));
            }
        }

        return false;
    }

    private static void Encode(StringBuilder text, int value, int count)
    {
        for (var i = 0; i < count; i++)
        {
            text.Append(Alphabet[value & 0x3f]);
            value >>= 6;
        }
    }
}
