using Converge.Core.Diagnostics;
using Converge.Modules.Tests.Common;
using Converge.Modules.Tests.Http;
using Converge.Modules.Unarchive;
using Converge.TestKit;

namespace Converge.Modules.Tests.Unarchive;

/// <summary>
/// unarchive of a URL with remote_src (helm and node_exporter's roles): the host downloads the archive from a real HTTP
/// server on loopback, the check leaves no download behind, apply extracts, a rerun is in sync.
/// </summary>
public sealed class UnarchiveUrlTests(HttpServerFixture server) : IClassFixture<HttpServerFixture>, IDisposable
{
    private static readonly string Archives = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", "Differential", "files");

    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static string[] Downloads() => Directory.GetDirectories("/tmp", "converge-unarchive.*");

    [Theory]
    [InlineData("tree.tar.gz")]
    [InlineData("tree.zip")]
    public async Task A_URL_is_downloaded_by_the_host_checked_without_a_trace_extracted_and_then_in_sync(string archive)
    {
        var name = Guid.NewGuid().ToString("N") + "-" + archive;
        File.Copy(Path.Combine(Archives, archive), Path.Combine(server.Files, name));
        Directory.CreateDirectory(_host.PathOf("dest"));
        var parameters = new UnarchiveParams { Src = $"{server.BaseUrl}/files/{name}", Dest = _host.PathOf("dest"), RemoteSrc = true, Mode = "0755" };
        var downloads = Downloads();
        var before = _host.Snapshot();

        var check = await _host.CheckAsync(new UnarchiveModule(), parameters);
        var untouched = _host.Snapshot();
        await _host.ConvergeAsync(new UnarchiveModule(), parameters);
        var again = await _host.CheckAsync(new UnarchiveModule(), parameters);

        Assert.Contains(check.Changes, c => c.Path == _host.PathOf("dest/tree/sub/deep/c.txt") + ": state");
        Assert.Equal(before, untouched);
        Assert.Equal("deep\n", await File.ReadAllTextAsync(_host.PathOf("dest/tree/sub/deep/c.txt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, File.GetUnixFileMode(_host.PathOf("dest/tree/sub/deep/c.txt")));
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal(downloads, Downloads());
    }

    [Fact]
    public async Task A_URL_that_is_not_there_fails_naming_the_HTTP_status()
    {
        Directory.CreateDirectory(_host.PathOf("dest"));
        var parameters = new UnarchiveParams { Src = $"{server.BaseUrl}/files/missing.tar.gz", Dest = _host.PathOf("dest"), RemoteSrc = true };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new UnarchiveModule(), parameters));

        Assert.Equal($"Failure downloading {parameters.Src}, HTTP Error 404", error.Message);
    }

    [Theory]
    [InlineData("{ src: 'https://example.invalid/helm.tar.gz', dest: /tmp, remote_src: true }", null)]
    [InlineData("{ src: 'https://example.invalid/helm.tar.gz', dest: /tmp }", "src is a URL: add remote_src: true, so the host downloads it (as Ansible's unarchive requires)")]
    [InlineData("{ src: 'file:///srv/helm.tar.gz', dest: /tmp, remote_src: true }", "src 'file:///srv/helm.tar.gz' is a URL Converge cannot download: use http://, https:// or ftp://")]
    public void A_URL_needs_remote_src_and_a_scheme_curl_downloads(string yaml, string? message)
    {
        var problems = ValidationProbe.Problems(new UnarchiveModule(), yaml);

        if (message is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.EndsWith(message, StringComparison.Ordinal));
        }
    }
}
