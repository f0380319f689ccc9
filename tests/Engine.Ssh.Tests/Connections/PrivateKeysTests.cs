using Converge.Core.Connections.Ssh;
using Renci.SshNet;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// The key-file cache behind every connection of a run (issue 14): up to forks connections start at once, and
/// each used to read and derive the same Ed25519 key (7% of a 50-host no-op's controller CPU). Keys made with the
/// real ssh-keygen.
/// </summary>
public sealed class PrivateKeysTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("converge-keys-").FullName;

    [Fact]
    public async Task Connections_starting_together_share_one_read_of_an_ed25519_key()
    {
        // Encrypted, so that reading it takes long enough (bcrypt_pbkdf) for the readers to overlap, as the first
        // read of a run does (the first Ed25519 derivation builds BouncyCastle's tables).
        var path = await NewKeyAsync("ed25519", passphrase: "shared-key-passphrase");

        var keys = await ReadTogetherAsync(path, readers: 16, "shared-key-passphrase");

        Assert.All(keys, key => Assert.Same(keys[0], key));
    }

    [Fact]
    public async Task An_rsa_key_is_read_for_each_connection_even_when_they_start_together()
    {
        // SSH.NET's RSA signatures keep per-instance hashing state, so concurrent handshakes must not share one.
        var path = await NewKeyAsync("rsa");

        var keys = await ReadTogetherAsync(path, readers: 4);

        Assert.Equal(keys.Count, keys.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public async Task A_rewritten_key_file_is_read_again()
    {
        var path = await NewKeyAsync("ed25519");
        var before = PrivateKeys.Read(path, null);

        File.Delete(path);
        await NewKeyAsync("ed25519", path);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        var after = PrivateKeys.Read(path, null);

        Assert.NotSame(before, after);
        Assert.NotEqual(before.HostKeyAlgorithms.First().Data, after.HostKeyAlgorithms.First().Data);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Reads <paramref name="path"/> on <paramref name="readers"/> threads released at the same moment.</summary>
    private static async Task<IReadOnlyList<PrivateKeyFile>> ReadTogetherAsync(string path, int readers, string? passphrase = null)
    {
        using var start = new Barrier(readers);
        var reads = Enumerable.Range(0, readers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return PrivateKeys.Read(path, passphrase);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));
        return await Task.WhenAll(reads);
    }

    private async Task<string> NewKeyAsync(string type, string? path = null, string? passphrase = null)
    {
        path ??= Path.Combine(_directory, $"{type}-{Guid.NewGuid():N}");
        using var keygen = System.Diagnostics.Process.Start("ssh-keygen", ["-q", "-t", type, "-N", passphrase ?? string.Empty, "-f", path])!;
        await keygen.WaitForExitAsync();
        Assert.Equal(0, keygen.ExitCode);
        return path;
    }
}
