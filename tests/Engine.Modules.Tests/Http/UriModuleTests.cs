using Converge.Core.Diagnostics;
using Converge.Core.Secrets;
using Converge.Modules.Tests.Common;
using Converge.Modules.Uri;

namespace Converge.Modules.Tests.Http;

public sealed class UriModuleTests(HttpServerFixture server) : IClassFixture<HttpServerFixture>, IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly UriModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_json_body_is_posted_and_the_json_answer_registered()
    {
        var parameters = new UriParams
        {
            Url = server.BaseUrl + "/echo",
            Method = "POST",
            BodyFormat = "json",
            Body = new Dictionary<string, object?> { ["name"] = "web1", ["port"] = 80 },
            ReturnContent = true,
            Headers = new Dictionary<string, string> { ["X-Token"] = "t" },
        };

        var check = await _host.CheckAsync(_module, parameters);
        var (_, result) = await _host.ConvergeAsync(_module, parameters);

        Assert.True(check.IsDrift);
        Assert.Equal(200, result!.Output["status"]);
        var json = Assert.IsType<Dictionary<string, object?>>(result.Output["json"]);
        Assert.Equal("POST", json["method"]);
        Assert.Equal("{\"name\": \"web1\", \"port\": 80}", json["body"]);
        var headers = Assert.IsType<Dictionary<string, object?>>(json["headers"]);
        Assert.Equal("application/json", headers["content-type"]);
        Assert.Equal("t", headers["x-token"]);
        Assert.Equal("application/json", result.Output["content_type"]);
    }

    [Fact]
    public async Task A_form_is_urlencoded_and_credentials_stay_off_the_command_line()
    {
        var parameters = new UriParams
        {
            Url = server.BaseUrl + "/echo",
            Method = "PUT",
            BodyFormat = "form-urlencoded",
            Body = new Dictionary<string, object?> { ["a"] = "x y", ["b"] = "&" },
            ReturnContent = true,
            UrlUsername = "user",
            UrlPassword = new Secret("s3cret"),
        };

        var (plan, result) = await _host.ConvergeAsync(_module, parameters);

        var json = Assert.IsType<Dictionary<string, object?>>(result!.Output["json"]);
        Assert.Equal("a=x+y&b=%26", json["body"]);
        Assert.Equal("Basic dXNlcjpzM2NyZXQ=", Assert.IsType<Dictionary<string, object?>>(json["headers"])["authorization"]);
        Assert.DoesNotContain("s3cret", string.Join(' ', plan.Changes) + result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_status_fails_and_an_expected_one_does_not()
    {
        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, new UriParams { Url = server.BaseUrl + "/status/404" }));
        var (_, accepted) = await _host.ConvergeAsync(_module, new UriParams { Url = server.BaseUrl + "/status/204", StatusCode = [200, 204] });
        var (_, redirected) = await _host.ConvergeAsync(_module, new UriParams { Url = server.BaseUrl + "/redirect/status/200" });

        Assert.Contains("Status code was 404 and not [200]", failure.Message, StringComparison.Ordinal);
        Assert.Equal(204, accepted!.Output["status"]);
        Assert.Equal(true, redirected!.Output["redirected"]);
        Assert.Equal(200, redirected.Output["status"]);
    }

    [Fact]
    public async Task Creates_makes_it_idempotent()
    {
        await File.WriteAllTextAsync(_host.PathOf("done"), string.Empty);

        var plan = await _host.CheckAsync(_module, new UriParams { Url = server.BaseUrl + "/status/500", Creates = _host.PathOf("done") });

        Assert.False(plan.IsDrift, plan.Reason);
    }
}
