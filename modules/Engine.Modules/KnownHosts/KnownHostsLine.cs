using System.Security.Cryptography;
using System.Text;

namespace Converge.Modules.KnownHosts;

/// <summary>
/// One known_hosts line: the host field (a comma list, or hashed <c>|1|salt|hmac</c>), the key type and the
/// base64 key. A hashed field matches a host when HMAC-SHA1(salt, host) is the stored hash, as ssh does.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "OpenSSH defines hashed known_hosts entries as HMAC-SHA1; any other hash would not match ssh's.")]
public sealed record KnownHostsLine(string Hosts, string KeyType, string Key)
{
    public static KnownHostsLine? Parse(string line)
    {
        var fields = line.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (line.Contains('\n', StringComparison.Ordinal) || fields.Length < 3 || fields[0].StartsWith('#') || fields[0].StartsWith('@'))
        {
            return null;
        }

        return new KnownHostsLine(fields[0], fields[1], fields[2]);
    }

    public bool Matches(string host)
    {
        if (!Hosts.StartsWith("|1|", StringComparison.Ordinal))
        {
            return Hosts.Split(',').Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));
        }

        var parts = Hosts.Split('|');
        try
        {
            var hash = HMACSHA1.HashData(Convert.FromBase64String(parts[2]), Encoding.UTF8.GetBytes(host));
            return parts.Length == 4 && Convert.ToBase64String(hash) == parts[3];
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The line for <paramref name="host"/>, its host field hashed with a fresh salt when asked.</summary>
    public string Format(string host, bool hash)
    {
        if (!hash)
        {
            return $"{host} {KeyType} {Key}";
        }

        var salt = RandomNumberGenerator.GetBytes(20);
        var mac = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(host));
        return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(mac)} {KeyType} {Key}";
    }
}
