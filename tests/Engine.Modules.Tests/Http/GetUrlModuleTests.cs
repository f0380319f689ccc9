using System.Security.Cryptography;
using System.Text;
using Converge.Core.Diagnostics;
using Converge.Core.Secrets;
using Converge.Modules.GetUrl;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Http;

public sealed class GetUrlModuleTests(HttpServerFixture server) : IClassFixture<HttpServerFixture>, IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly GetUrlModule _module = new();

    public void Dispose() => _host.Dispose();

    private string Serve(string content)
    {
        var name = Guid.NewGuid().ToString("N");
        File.WriteAllText(Path.Combine(server.Files, name), content);
        return name;
    }

    [Fact]
    public async Task A_missing_file_is_downloaded_then_in_sync_and_check_mode_wrote_nothing()
    {
        var name = Serve("payload\n");
        var dest = _host.PathOf("payload");
        var parameters = new GetUrlParams { Url = $"{server.BaseUrl}/files/{name}", Dest = dest, Mode = "0640" };

        var plan = await _host.CheckAsync(_module, parameters);
        Assert.False(File.Exists(dest));
        var (_, result) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.True(plan.IsDrift);
        Assert.Equal("payload\n", await File.ReadAllTextAsync(dest));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(dest));
        Assert.Equal(200, result!.Output["status_code"]);
        Assert.Equal("OK (8 bytes)", result.Output["msg"]);
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal("file already exists", again.Output["msg"]);
    }

    [Fact]
    public async Task A_checksum_decides_and_force_compares_with_what_the_server_serves()
    {
        var name = Serve("v2\n");
        var dest = _host.PathOf("file");
        await File.WriteAllTextAsync(dest, "v1\n");
        var sum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("v2\n")));
        var url = $"{server.BaseUrl}/files/{name}";

        var kept = await _host.CheckAsync(_module, new GetUrlParams { Url = url, Dest = dest });
        var byChecksum = await _host.CheckAsync(_module, new GetUrlParams { Url = url, Dest = dest, Checksum = "sha256:" + sum });
        var byForce = await _host.CheckAsync(_module, new GetUrlParams { Url = url, Dest = dest, Force = true });
        await _host.ConvergeAsync(_module, new GetUrlParams { Url = url, Dest = dest, Checksum = "sha256:" + sum });
        var forcedAgain = await _host.CheckAsync(_module, new GetUrlParams { Url = url, Dest = dest, Force = true });

        Assert.False(kept.IsDrift, kept.Reason);
        Assert.True(byChecksum.IsDrift);
        Assert.True(byForce.IsDrift);
        Assert.Equal("v2\n", await File.ReadAllTextAsync(dest));
        Assert.False(forcedAgain.IsDrift, forcedAgain.Reason);
    }

    [Fact]
    public async Task A_wrong_checksum_fails_and_leaves_the_file_alone()
    {
        var dest = _host.PathOf("file");
        var parameters = new GetUrlParams { Url = $"{server.BaseUrl}/files/{Serve("data\n")}", Dest = dest, Checksum = "sha256:" + new string('0', 64) };

        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, parameters));

        Assert.Contains("did not match", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_host.Target));
    }

    [Fact]
    public async Task Credentials_and_headers_reach_the_server_but_no_command_line()
    {
        var dest = _host.PathOf("secret");
        var context = _host.Context();
        var parameters = new GetUrlParams { Url = $"{server.BaseUrl}/auth/{Serve("classified\n")}", Dest = dest, UrlUsername = "user", UrlPassword = new Secret("s3cret"), Headers = new Dictionary<string, string> { ["X-Trace"] = "1" } };

        var plan = await _module.CheckAsync(context, parameters, CancellationToken.None);
        var result = await _module.ApplyAsync(context, parameters, plan, CancellationToken.None);
        var denied = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, parameters with { UrlPassword = new Secret("wrong"), Dest = _host.PathOf("other") }));

        Assert.Equal("classified\n", await File.ReadAllTextAsync(dest));
        Assert.DoesNotContain("s3cret", result.Message + string.Join(' ', result.Output.Values) + denied.Message + denied.Command + denied.StderrTail, StringComparison.Ordinal);
        Assert.Contains("401", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_dest_receives_the_urls_file_name()
    {
        var name = Serve("x\n");
        await _host.ConvergeAsync(_module, new GetUrlParams { Url = $"{server.BaseUrl}/files/{name}", Dest = _host.Target });

        Assert.Equal("x\n", await File.ReadAllTextAsync(_host.PathOf(name)));
    }
}
