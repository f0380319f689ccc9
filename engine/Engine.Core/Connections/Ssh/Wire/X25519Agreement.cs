using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>curve25519-sha256 (RFC 8731): an X25519 key pair; a server value of small order (an all-zero secret) is refused.</summary>
internal sealed class X25519Agreement : KeyAgreement
{
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(X25519.ScalarSize);

    public X25519Agreement()
    {
        PublicValue = new byte[X25519.PointSize];
        X25519.ScalarMultBase(_secret, 0, PublicValue, 0);
    }

    public override byte[] PublicValue { get; }

    public override byte[]? SharedSecret(byte[] serverValue)
    {
        var shared = new byte[X25519.PointSize];
        return serverValue.Length == X25519.PointSize && X25519.CalculateAgreement(_secret, 0, serverValue, 0, shared, 0) ? shared : null;
    }

    public override void Dispose() => CryptographicOperations.ZeroMemory(_secret);
}
