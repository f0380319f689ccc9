using System.Security.Cryptography;
using System.Text;

namespace Converge.Core.Connections.Ssh;

/// <summary>Host patterns of known_hosts: plain names, <c>*</c>/<c>?</c> wildcards, and hashed names (<c>|1|salt|hash</c>).</summary>
/// <remarks>OpenSSH defines hashed names with HMAC-SHA1 (hostfile.c); matching them needs the same algorithm.</remarks>
#pragma warning disable CA5350
public static class KnownHostPattern
{
    /// <summary>The name OpenSSH looks a host up by: the bare name on port 22, else <c>[name]:port</c>.</summary>
    public static string LookupName(string address, int port) => port == 22 ? address : $"[{address}]:{port}";

    public static bool Matches(string pattern, string lookupName)
    {
        if (pattern.StartsWith("|1|", StringComparison.Ordinal))
        {
            return MatchesHashed(pattern, lookupName);
        }

        return WildcardMatches(pattern.ToLowerInvariant(), 0, lookupName.ToLowerInvariant(), 0);
    }

    /// <summary>A hashed name (HashKnownHosts): <c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c>.</summary>
    public static string Hash(string lookupName, byte[] salt) =>
        $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(lookupName)))}";

    private static bool MatchesHashed(string pattern, string lookupName)
    {
        var parts = pattern.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(lookupName));
            return CryptographicOperations.FixedTimeEquals(expected, actual);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool WildcardMatches(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    for (var rest = t; rest <= text.Length; rest++)
                    {
                        if (WildcardMatches(pattern, p + 1, text, rest))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?' when t < text.Length:
                    p++;
                    t++;
                    break;
                default:
                    if (t >= text.Length || pattern[p] != text[t])
                    {
                        return false;
                    }

                    p++;
                    t++;
                    break;
            }
        }

        return t == text.Length;
    }
}
#pragma warning restore CA5350
