using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// Private key files read once per process when they hold an Ed25519 key. Every host of a run usually logs in with
/// the same key; reading it per host costs a parse and the derivation of its public key (an Ed25519 scalar
/// multiplication, ~0.2 ms of CPU per host, issue 14). Only Ed25519 keys are shared: their signing is a pure
/// function of the key (SSH.NET calls BouncyCastle's static <c>Ed25519.Sign</c>), whereas SSH.NET's RSA and ECDSA
/// signatures keep per-instance hashing state that concurrent handshakes must not share.
/// </summary>
internal static class PrivateKeys
{
    // Keyed by a string (path, size, modification time, passphrase hash): a dictionary keyed by a value tuple is a
    // generic instantiation ReadyToRun cannot precompile, jitted at every start.
    private static readonly ConcurrentDictionary<string, PrivateKeyFile> Shared = new(StringComparer.Ordinal);

    /// <summary>The key file read with the passphrase; throws as <see cref="PrivateKeyFile"/>'s constructor does.</summary>
    public static PrivateKeyFile Read(string path, string? passphrase)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new PrivateKeyFile(path, passphrase);
        }

        // The passphrase is part of what was read, but kept only as a hash.
        var stamp = string.Join('\n', info.FullName, info.Length, info.LastWriteTimeUtc.Ticks, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(passphrase ?? string.Empty))));
        if (Shared.TryGetValue(stamp, out var known))
        {
            return known;
        }

        var key = new PrivateKeyFile(path, passphrase);
        if (key.Key is ED25519Key)
        {
            Shared.TryAdd(stamp, key);
        }

        return key;
    }
}
