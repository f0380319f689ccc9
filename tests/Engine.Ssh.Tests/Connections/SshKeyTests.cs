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
        var key = await NewKeyAsync("ed25519", Passphrase);
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

    [SshdFact]
    public async Task RSA_and_ECDSA_keys_log_in_plain_or_encrypted()
    {
        string[] keys =
        [
            await NewKeyAsync("rsa", null),
            await NewKeyAsync("ecdsa", null),
            await NewKeyAsync("rsa", Passphrase),
            await NewKeyAsync("ecdsa", Passphrase, "-b", "384"),
        ];

        foreach (var key in keys)
        {
            var passphrase = key.Contains("-encrypted-", StringComparison.Ordinal) ? Passphrase : null;
            await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 1, extra: Key(key, passphrase));
            Assert.Equal("root\n", (await connection.RunAsync(CommandSpec.Probe("id", "-un"), CancellationToken.None)).Stdout);
        }
    }

    [SshdFact]
    public async Task A_key_the_server_does_not_authorize_fails_naming_the_user_and_the_key()
    {
        var key = await NewKeyAsync("ecdsa", null, authorize: false);

        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() => TestConnections.OpenAsync(sshd.Server, host: 1, extra: Key(key, null)));

        Assert.Equal(
            $"host2: authentication failed for user 'root' at {sshd.Server.Addresses[1]}:{sshd.Server.Port} (tried key {key}): Permission denied (publickey,password).",
            failure.Message);
    }

    private static Dictionary<string, object?> Key(string path, string? passphrase) => new()
    {
        ["ansible_ssh_private_key_file"] = path,
        ["ansible_ssh_private_key_passphrase"] = passphrase is null ? null : new Secret(passphrase),
    };

    /// <summary>A new OpenSSH key of <paramref name="type"/>, protected by <paramref name="passphrase"/> if given, authorized on the test server unless told not to.</summary>
    private async Task<string> NewKeyAsync(string type, string? passphrase, params string[] options) =>
        await NewKeyAsync(type, passphrase, authorize: true, options);

    private async Task<string> NewKeyAsync(string type, string? passphrase, bool authorize, params string[] options)
    {
        var path = Path.Combine(sshd.Server.Directory, $"{type}-{(passphrase is null ? "plain" : "encrypted")}-{Guid.NewGuid():N}");
        using (var keygen = System.Diagnostics.Process.Start("ssh-keygen", ["-q", "-t", type, .. options, "-N", passphrase ?? string.Empty, "-f", path]))
        {
            await keygen.WaitForExitAsync();
            Assert.Equal(0, keygen.ExitCode);
        }

        if (authorize)
        {
            await File.AppendAllTextAsync(Path.Combine(sshd.Server.Directory, "authorized_keys"), await File.ReadAllTextAsync(path + ".pub"));
        }

        return path;
    }
}
