namespace Converge.Core.Connections.Ssh;

/// <summary>One key line of a known_hosts file (see sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT").</summary>
public sealed record KnownHostEntry(int Line, string? Marker, IReadOnlyList<string> Patterns, string KeyType, byte[] Key)
{
    public bool IsRevoked => Marker == "@revoked";

    /// <summary>Whether the entry applies to a host name as OpenSSH looks it up (<c>name</c> or <c>[name]:port</c>).</summary>
    public bool Matches(string lookupName)
    {
        var matched = false;
        foreach (var pattern in Patterns)
        {
            if (pattern.StartsWith('!'))
            {
                // A matching negated pattern excludes the host whatever else matches (ssh(1) PATTERNS).
                if (KnownHostPattern.Matches(pattern[1..], lookupName))
                {
                    return false;
                }
            }
            else if (KnownHostPattern.Matches(pattern, lookupName))
            {
                matched = true;
            }
        }

        return matched;
    }
}
