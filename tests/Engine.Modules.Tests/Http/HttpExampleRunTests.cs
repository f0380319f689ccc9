using System.Text.Json;
using Converge.TestKit;

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
        var inventory = Path.Combine(_root, "hosts.ini");
        await File.WriteAllTextAsync(inventory, "localhost ansible_connection=local\n");
        var exampleRoot = Path.Combine(_root, "root");
        var playbook = Path.Combine(RepositoryPaths.Examples, module + ".yml");

        var check = await RunAsync("check", playbook, inventory, exampleRoot);
        Assert.False(Directory.Exists(exampleRoot), "check mode created " + exampleRoot);
        var first = await RunAsync("apply", playbook, inventory, exampleRoot);
        var second = await RunAsync("apply", playbook, inventory, exampleRoot);

        Assert.True(check.Failed == 0, check.Output);
        Assert.True(first.Exit == 0 && first.Failed == 0 && first.Ok + first.Changed > 0, first.Output);
        Assert.True(second.Exit == 0 && second.Changed == 0, second.Output);
    }

    private async Task<(int Exit, int Ok, int Changed, int Failed, string Output)> RunAsync(string verb, string playbook, string inventory, string exampleRoot)
    {
        var report = Path.Combine(_root, $"{verb}-{Guid.NewGuid():N}.json");
        var outcome = await ConvergeProcess.RunAsync([verb, playbook, "-i", inventory, "-e", "example_root=" + exampleRoot, "-e", "converge_state_dir=" + Path.Combine(_root, "state"), "-e", "mirror=" + server.BaseUrl + "/files", "-e", "api=" + server.BaseUrl + "/api", "--report", report]);
        if (!File.Exists(report))
        {
            return (outcome.ExitCode, -1, -1, -1, outcome.ToString());
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var host = json.RootElement.GetProperty("hosts").GetProperty("localhost");
        return (outcome.ExitCode, host.GetProperty("ok").GetInt32(), host.GetProperty("changed").GetInt32(), host.GetProperty("failed").GetInt32(), outcome.ToString());
    }
}
