using System.Security.Cryptography;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// ecdh-sha2-nistp256 (RFC 5656): ECDH on NIST P-256 through OpenSSL, values as uncompressed points (SEC 1 §2.3.3:
/// <c>04 || X || Y</c>), the secret the shared point's X coordinate. A server value that is not a point on the curve
/// is refused (OpenSSL checks it as the key is imported).
/// </summary>
internal sealed class NistP256Agreement : KeyAgreement
{
    private const int CoordinateSize = 32;

    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public NistP256Agreement()
    {
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        PublicValue = [0x04, .. point.X!, .. point.Y!];
    }

    public override byte[] PublicValue { get; }

    public override byte[]? SharedSecret(byte[] serverValue)
    {
        if (serverValue.Length != 1 + (2 * CoordinateSize) || serverValue[0] != 0x04)
        {
            return null;
        }

        try
        {
            using var server = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = serverValue[1..(1 + CoordinateSize)], Y = serverValue[(1 + CoordinateSize)..] },
            });
            return _key.DeriveRawSecretAgreement(server.PublicKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public override void Dispose() => _key.Dispose();
}
