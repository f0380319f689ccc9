using System.Security.Cryptography;
using Converge.Modules.Tests.Common;
using Converge.Modules.Tests.Http;
using Converge.TestKit;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// get_url and uri against Ansible: http.yml applied unchanged by ansible-playbook and by <c>converge apply</c>
/// against the same real HTTP server on loopback must leave the same files (content and mode), including what
/// the tasks registered.
/// </summary>
public sealed class HttpDifferentialTests(HttpServerFixture server) : IClassFixture<HttpServerFixture>, IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task Get_url_and_uri_leave_the_same_files_as_Ansible()
    {
        var payload = "payload from the server\n"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(server.Files, "payload.txt"), payload);
        var playbook = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", "Differential", "http.yml");
        var inventory = _host.PathOf("hosts.ini");
        await File.WriteAllTextAsync(inventory, $"localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3 converge_state_dir={_host.Root}/state base={server.BaseUrl} payload_sha256={Convert.ToHexStringLower(SHA256.HashData(payload))}\n");
        var byAnsible = Directory.CreateDirectory(_host.PathOf("ansible")).FullName;
        var byConverge = Directory.CreateDirectory(_host.PathOf("converge")).FullName;

        var ansible = await AnsibleDifferentialTests.RunAnsibleAsync(playbook, inventory, byAnsible);
        var converge = await ConvergeProcess.RunAsync(["apply", playbook, "-i", inventory, "-e", "root=" + byConverge]);

        Assert.True(ansible.Exit == 0, ansible.Output);
        Assert.True(converge.ExitCode == 0, converge.ToString());
        Assert.Equal(AnsibleDifferentialTests.Files(byAnsible), AnsibleDifferentialTests.Files(byConverge));
        Assert.Contains("posted 200 POST", await File.ReadAllTextAsync(Path.Combine(byConverge, "registered.txt")), StringComparison.Ordinal);
    }
}
