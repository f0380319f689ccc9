namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// What <see cref="WireClient"/> speaks: the algorithms every OpenSSH since 6.5 (2014) offers by default, done with
/// .NET's own AES-GCM and ECDH and SSH.NET's key and signature code. A server that offers none of one list is left to SSH.NET
/// (<see cref="WireNegotiationException"/>).
/// </summary>
internal static class WireAlgorithms
{
    /// <summary>
    /// ECDH on NIST P-256 (RFC 5656) first, then curve25519 (RFC 8731; the <c>@libssh.org</c> name is the same method
    /// under its older name): both are in OpenSSH's default list and give ~128-bit security, but OpenSSH does P-256
    /// with OpenSSL's optimized code and X25519 with its own portable reference code, which cost a host's sshd ~5 ms
    /// more CPU per login on the benchmark's machine (26.7 ms against 21.6 per login, 3 × 100 logins each). Per host
    /// that is a sixth of a no-op run's whole cost on the host. A server that offers only curve25519 still gets it.
    /// </summary>
    public static readonly string[] KeyExchange = ["ecdh-sha2-nistp256", "curve25519-sha256", "curve25519-sha256@libssh.org"];

    /// <summary>
    /// OpenSSH's strict key exchange (the Terrapin fix, CVE-2023-48795): offered as a pseudo key-exchange name, in
    /// force when the server offers its own (<see cref="StrictServer"/>).
    /// </summary>
    public const string StrictClient = "kex-strict-c-v00@openssh.com";

    public const string StrictServer = "kex-strict-s-v00@openssh.com";

    /// <summary>The host key signature algorithms, most preferred first; SHA-1 <c>ssh-rsa</c> signatures are not offered, as OpenSSH 8.8+ does not.</summary>
    public static readonly string[] HostKeys = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256"];

    /// <summary>AES-GCM as OpenSSH defines it (PROTOCOL, "aes128-gcm@openssh.com"): hardware AES and the tag in one pass.</summary>
    public static readonly string[] Ciphers = ["aes128-gcm@openssh.com", "aes256-gcm@openssh.com"];

    /// <summary>
    /// Offered because the list may not be empty; an AEAD cipher carries its own tag, and OpenSSH does not negotiate a
    /// MAC for it (kex.c, <c>choose_enc</c> then <c>choose_mac</c> only when the cipher has no tag).
    /// </summary>
    public static readonly string[] Macs = ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-256"];

    /// <summary>The key type a host key signature algorithm belongs to (the first field of the key blob).</summary>
    public static string KeyTypeOf(string algorithm) => algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm;

    /// <summary>RFC 4253 §7.1: the first of the client's names that the server also offers.</summary>
    public static string? Choose(IEnumerable<string> client, string[] server) => client.FirstOrDefault(server.Contains);
}
