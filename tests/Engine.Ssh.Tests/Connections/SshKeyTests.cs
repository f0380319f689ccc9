using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Secrets;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class SshKeyTests(SshdFixture sshd)
{
    private const string Passphrase = "Key-Passphrase-31";

    [SshdFact]
    public async Task An_encrypted_key_works_with_its_passphrase_and_fails_clearly_without_it()
    {
        var key = await EncryptedKeyAsync();
        var redactor = new Redactor();
        var options = TestConnections.Options(sshd.Server, redactor);

        await using (var connection = await TestConnections.OpenAsync(sshd.Server, options: options, extra: Key(key, Passphrase)))
        {
            Assert.True((await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None)).Succeeded);
        }

        var missing = await Assert.ThrowsAsync<HostUnreachableException>(() => TestConnections.OpenAsync(sshd.Server, options: options, extra: Key(key, null)));
        var wrong = await Assert.ThrowsAsync<HostUnreachableException>(() => TestConnections.OpenAsync(sshd.Server, options: options, extra: Key(key, "not-it-at-all")));
        var absent = await Assert.ThrowsAsync<HostUnreachableException>(() => TestConnections.OpenAsync(sshd.Server, options: options, extra: Key(key + ".nope", null)));

        Assert.Contains($"private key {key} is encrypted; set ansible_ssh_private_key_passphrase", missing.Message);
        Assert.Contains($"cannot read private key {key}", wrong.Message);
        Assert.DoesNotContain("not-it-at-all", wrong.ToString());
        Assert.Contains("does not exist", absent.Message);
        Assert.Equal("[REDACTED]", redactor.Redact(Passphrase));
    }

    private static Dictionary<string, object?> Key(string path, string? passphrase) => new()
    {
        ["ansible_ssh_private_key_file"] = path,
        ["ansible_ssh_private_key_passphrase"] = passphrase is null ? null : new Secret(passphrase),
    };

    /// <summary>A new passphrase-protected OpenSSH key, authorized on the test server.</summary>
    private async Task<string> EncryptedKeyAsync()
    {
        var path = Path.Combine(sshd.Server.Directory, $"encrypted-{Guid.NewGuid():N}");
        using (var keygen = System.Diagnostics.Process.Start("ssh-keygen", ["-q", "-t", "ed25519", "-N", Passphrase, "-f", path]))
        {
            await keygen.WaitForExitAsync();
            Assert.Equal(0, keygen.ExitCode);
        }

        await File.AppendAllTextAsync(Path.Combine(sshd.Server.Directory, "authorized_keys"), await File.ReadAllTextAsync(path + ".pub"));
        return path;
    }
}
