using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Renci.SshNet;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// What the first SSH connection of a process pays once, done ahead on another core while the playbook loads:
/// BouncyCastle's Ed25519 and X25519 tables (built on first use; reading an Ed25519 key derives its public key
/// with them), OpenSSL's AES-GCM, SHA-256 and P-256 set-up, the socket layer and SSH.NET's key classes being loaded.
/// Contacts no host, reads no file and changes nothing, so it may run before validation. Throws what those
/// primitives throw; the caller ignores it, since the first connection runs the same code and reports it then.
/// </summary>
public static class SshWarmUp
{
    public static void Run()
    {
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Precompute();
        Org.BouncyCastle.Math.EC.Rfc7748.X25519.Precompute();
        Span<byte> block = stackalloc byte[16];
        Span<byte> tag = stackalloc byte[16];
        using (var aes = new AesGcm(block, tag.Length))
        {
            aes.Encrypt(stackalloc byte[12], block, block, tag);
        }

        _ = SHA256.HashData(block);
        using (var ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256))
        {
            _ = ecdh.ExportParameters(includePrivateParameters: false);
        }

        new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose();
        RuntimeHelpers.RunClassConstructor(typeof(PrivateKeyFile).TypeHandle);
    }
}
