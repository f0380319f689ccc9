using System.Security.Cryptography;
using System.Text;

namespace Converge.Modules.Htpasswd;

/// <summary>The lines of an htpasswd file, edited as passlib's HtpasswdFile saves them: a user's line replaced where it is, a new user appended.</summary>
public static class HtpasswdFile
{
    public static IReadOnlyList<string> Lines(string? text) =>
        text is null ? [] : [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];

    public static int IndexOf(IReadOnlyList<string> lines, string user)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(user + ":", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether a line's hash is the password's: <c>$apr1$</c>/<c>$1$</c> (MD5-crypt), <c>{SHA}</c>, or plaintext (as passlib's htpasswd context).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Only verifies an existing {SHA} entry, Apache's format; Converge never writes one.")]
    public static bool Verifies(string line, string password)
    {
        var hash = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (hash.StartsWith('$'))
        {
            return Md5Crypt.Verify(password, hash);
        }

        if (hash.StartsWith("{SHA}", StringComparison.Ordinal))
        {
            return hash[5..] == Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
        }

        return hash.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hash), Encoding.UTF8.GetBytes(password));
    }

    public static string With(IReadOnlyList<string> lines, int at, string line)
    {
        var edited = lines.ToList();
        if (at < 0)
        {
            edited.Add(line);
        }
        else
        {
            edited[at] = line;
        }

        return Join(edited);
    }

    public static string Without(IReadOnlyList<string> lines, int at) => Join([.. lines.Where((_, i) => i != at)]);

    private static string Join(IReadOnlyList<string> lines) => string.Concat(lines.Select(l => l + "\n"));
}
