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
/// signatures keep per-instance hashing state that concurrent handshakes must not share. A run opens up to
/// <c>forks</c> connections at once, so readers of the same file take turns: the first reads it and the rest find it
/// shared (without that, each of the first wave of hosts read and derived the key itself: 7% of a 50-host no-op's
/// controller CPU, measured with perf).
/// </summary>
internal static class PrivateKeys
{
    // Keyed by a string (path, size, modification time, passphrase hash): a dictionary keyed by a value tuple is a
    // generic instantiation ReadyToRun cannot precompile, jitted at every start.
    private static readonly ConcurrentDictionary<string, PrivateKeyFile> Shared = new(StringComparer.Ordinal);

    // One gate per key file (by full path): the first wave of connections waits for one read instead of each reading.
    private static readonly ConcurrentDictionary<string, Lock> Gates = new(StringComparer.Ordinal);

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

        lock (Gates.GetOrAdd(info.FullName, _ => new Lock()))
        {
            if (Shared.TryGetValue(stamp, out known))
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
}
