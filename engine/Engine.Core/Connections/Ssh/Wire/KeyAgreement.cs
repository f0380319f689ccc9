namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// One side of an ephemeral elliptic-curve Diffie-Hellman exchange (RFC 5656 §4, RFC 8731): the client's public value
/// for SSH_MSG_KEX_ECDH_INIT and the shared secret from the server's value. Both methods hash with SHA-256.
/// </summary>
internal abstract class KeyAgreement : IDisposable
{
    /// <summary>The client's public value, as SSH_MSG_KEX_ECDH_INIT carries it.</summary>
    public abstract byte[] PublicValue { get; }

    /// <summary>A fresh key pair for <paramref name="method"/>, one of <see cref="WireAlgorithms.KeyExchange"/>.</summary>
    public static KeyAgreement Start(string method) => method switch
    {
        "ecdh-sha2-nistp256" => new NistP256Agreement(),
        "curve25519-sha256" or "curve25519-sha256@libssh.org" => new X25519Agreement(),
        _ => throw new WireProtocolException($"key exchange method {method} is not one Converge's own transport speaks"),
    };

    /// <summary>The shared secret (the bytes the mpint K is made of), or null when the server's value is not a valid one.</summary>
    public abstract byte[]? SharedSecret(byte[] serverValue);

    public abstract void Dispose();
}
