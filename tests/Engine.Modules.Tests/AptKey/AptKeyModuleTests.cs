using Converge.Core.Diagnostics;
using Converge.Lab;
using Converge.Modules.AptKey;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.AptKey;

/// <summary>
/// apt_key with a real key made by gpg on this machine (in a throwaway GNUPGHOME): the fingerprint Converge computes is
/// gpg's, the keyring file apt reads is written once from data, a host file or a URL (curl on file://), a wrong id is
/// refused, and absent removes the file. Keyrings go under the test's folder, never the machine's /etc/apt.
/// </summary>
public sealed class AptKeyModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_key_from_data_a_file_or_a_url_is_written_once_and_its_fingerprint_is_gpgs()
    {
        var (armored, fingerprint) = await MakeKeyAsync();
        await File.WriteAllTextAsync(_host.PathOf("key.asc"), armored);
        var fromData = new AptKeyParams { Data = armored, Id = fingerprint[^8..], Keyring = _host.PathOf("keyrings/data.gpg") };
        var fromFile = new AptKeyParams { File = _host.PathOf("key.asc"), Keyring = _host.PathOf("keyrings/file.asc") };
        var fromUrl = new AptKeyParams { Url = "file://" + _host.PathOf("key.asc"), Keyring = _host.PathOf("keyrings/url.gpg") };

        var check = await _host.CheckAsync(new AptKeyModule(), fromData);
        foreach (var parameters in new[] { fromData, fromFile, fromUrl })
        {
            await _host.ConvergeAsync(new AptKeyModule(), parameters);
            var again = await _host.CheckAsync(new AptKeyModule(), parameters);
            Assert.False(again.IsDrift, again.Reason);
        }

        Assert.True(check.IsDrift);
        Assert.Equal(fingerprint, check.Output["fp"]);
        Assert.Equal(await File.ReadAllBytesAsync(_host.PathOf("keyrings/data.gpg")), await File.ReadAllBytesAsync(_host.PathOf("keyrings/url.gpg")));
        var listed = await Machine.RunAsync("gpg", ["--batch", "--no-default-keyring", "--keyring", _host.PathOf("keyrings/data.gpg"), "--with-colons", "--list-keys"], CancellationToken.None, new Dictionary<string, string?> { ["GNUPGHOME"] = _host.PathOf("gnupg") });
        Assert.Contains("fpr:::::::::" + fingerprint + ":", listed.Stdout);
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", await File.ReadAllTextAsync(_host.PathOf("keyrings/file.asc")));
    }

    [Fact]
    public async Task A_wrong_id_is_refused_and_absent_removes_the_keyring()
    {
        var (armored, _) = await MakeKeyAsync();
        var keyring = _host.PathOf("k.gpg");

        var wrong = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new AptKeyModule(), new AptKeyParams { Data = armored, Id = "DEADBEEF", Keyring = keyring }));
        await _host.ConvergeAsync(new AptKeyModule(), new AptKeyParams { Data = armored, Keyring = keyring });
        await _host.ConvergeAsync(new AptKeyModule(), new AptKeyParams { State = "absent", Keyring = keyring });
        var again = await _host.CheckAsync(new AptKeyModule(), new AptKeyParams { State = "absent", Keyring = keyring });

        Assert.Contains("which is not id DEADBEEF", wrong.Message);
        Assert.False(File.Exists(keyring));
        Assert.False(again.IsDrift, again.Reason);
    }

    /// <summary>A fresh Ed25519 key, exported armored, with its fingerprint as gpg prints it.</summary>
    private async Task<(string Armored, string Fingerprint)> MakeKeyAsync()
    {
        var home = Directory.CreateDirectory(_host.PathOf("gnupg")).FullName;
        File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string?> { ["GNUPGHOME"] = home };
        var made = await Machine.RunAsync("gpg", ["--batch", "--passphrase", string.Empty, "--quick-generate-key", "Converge Test <test@example.invalid>", "ed25519", "sign", "never"], CancellationToken.None, environment);
        Assert.True(made.Succeeded, made.Stderr);
        var exported = await Machine.RunAsync("gpg", ["--batch", "--armor", "--export", "test@example.invalid"], CancellationToken.None, environment);
        var listed = await Machine.RunAsync("gpg", ["--batch", "--with-colons", "--list-keys", "test@example.invalid"], CancellationToken.None, environment);
        var fingerprint = listed.Stdout.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        return (exported.Stdout, fingerprint);
    }
}
