using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Http;

/// <summary>
/// The get_url and uri examples through the real <c>converge</c> against the loopback HTTP server (their
/// <c>mirror</c> and <c>api</c> variables pointed at it): check creates nothing, the first apply succeeds, the
/// second changes nothing — get_url by checksum, uri because a request is ok, not changed, as in Ansible.
/// </summary>
public sealed class HttpExampleRunTests(HttpServerFixture server) : IClassFixture<HttpServerFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("converge-http-examples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("get_url")]
    [InlineData("uri")]
    public async Task I_can_check_apply_and_rerun_an_HTTP_example_with_no_changes(string module)
    {
        // get_url's example pins the checksum of these four bytes.
        await File.WriteAllTextAsync(Path.Combine(server.Files, "tool.tar.gz"), "test");

        await ExampleRunTests.CheckApplyRerunAsync(_root, module, "mirror=" + server.BaseUrl + "/files", "api=" + server.BaseUrl + "/api");
    }
}
