using Converge.Core.Diagnostics;
using Converge.Modules.Deb822Repository;
using Converge.Modules.Tests.Common;
using Converge.Modules.Tests.Http;

namespace Converge.Modules.Tests.Deb822Repository;

/// <summary>
/// <c>deb822_repository</c> with <c>signed_by</c> as a URL (filebeat's and kubernetes' roles): the host fetches the key
/// from a real HTTP server on loopback, it is kept in <c>etc/apt/keyrings/SLUG.asc</c> (armoured) or <c>.gpg</c> under the
/// test root, named by Signed-By; check writes nothing, a rerun is in sync, absent removes both.
/// </summary>
public sealed class Deb822SignedByUrlTests(HttpServerFixture server) : IClassFixture<HttpServerFixture>, IDisposable
{
    private const string Armoured = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGQtest\n-----END PGP PUBLIC KEY BLOCK-----\n";

    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private Deb822RepositoryParams Repository(string key) => new()
    {
        Name = "Elastic 8.x",
        Uris = ["https://artifacts.elastic.co/packages/8.x/apt"],
        Suites = ["stable"],
        Components = ["main"],
        SignedBy = $"{server.BaseUrl}/files/{key}",
    };

    [Fact]
    public async Task An_armoured_key_is_fetched_by_the_host_kept_as_asc_and_named_by_Signed_By()
    {
        var key = Guid.NewGuid().ToString("N") + ".asc";
        await File.WriteAllTextAsync(Path.Combine(server.Files, key), Armoured);
        Directory.CreateDirectory(_host.PathOf("etc/apt/sources.list.d"));
        var module = new Deb822RepositoryModule(_host.Target);
        var parameters = Repository(key);
        var before = _host.Snapshot();

        var check = await _host.CheckAsync(module, parameters);
        var untouched = _host.Snapshot();
        await _host.ConvergeAsync(module, parameters);
        var again = await _host.CheckAsync(module, parameters);
        var sources = await File.ReadAllTextAsync(_host.PathOf("etc/apt/sources.list.d/elastic-8x.sources"));
        var (gone, _) = await _host.ConvergeAsync(module, parameters with { State = "absent" });

        Assert.Contains(check.Changes, c => c.Path == _host.PathOf("etc/apt/keyrings/elastic-8x.asc") + ": content");
        Assert.Equal(before, untouched);
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal("/etc/apt/keyrings/elastic-8x.asc", again.Output["key_filename"]);
        Assert.Contains("Signed-By: /etc/apt/keyrings/elastic-8x.asc\n", sources, StringComparison.Ordinal);
        Assert.True(gone.IsDrift);
        Assert.False(File.Exists(_host.PathOf("etc/apt/keyrings/elastic-8x.asc")));
        Assert.False(File.Exists(_host.PathOf("etc/apt/sources.list.d/elastic-8x.sources")));
    }

    [Fact]
    public async Task A_binary_key_is_kept_as_gpg_with_mode_0644_and_a_changed_key_is_written_again()
    {
        var key = Guid.NewGuid().ToString("N") + ".gpg";
        await File.WriteAllBytesAsync(Path.Combine(server.Files, key), [0x99, 0x01, 0x0d, 0x04, 0x01]);
        Directory.CreateDirectory(_host.PathOf("etc/apt/sources.list.d"));
        var module = new Deb822RepositoryModule(_host.Target);

        await _host.ConvergeAsync(module, Repository(key));
        await File.WriteAllBytesAsync(Path.Combine(server.Files, key), [0x99, 0x01, 0x0d, 0x04, 0x02]);
        var rotated = await _host.CheckAsync(module, Repository(key));
        await _host.ConvergeAsync(module, Repository(key));

        var keyring = _host.PathOf("etc/apt/keyrings/elastic-8x.gpg");
        Assert.Equal([0x99, 0x01, 0x0d, 0x04, 0x02], await File.ReadAllBytesAsync(keyring));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(keyring));
        Assert.Equal(keyring + ": content", Assert.Single(rotated.Changes).Path);
    }

    [Fact]
    public async Task A_key_URL_that_fails_fails_the_check_naming_the_HTTP_status()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new Deb822RepositoryModule(_host.Target), Repository("missing.asc")));

        Assert.StartsWith("Could not fetch signed_by key: HTTP Error 404", error.Message, StringComparison.Ordinal);
    }
}
