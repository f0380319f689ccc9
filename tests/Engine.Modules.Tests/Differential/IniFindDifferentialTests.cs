using System.Text.Json;
using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// ini_file, find and slurp against Ansible: ini-find.yml applied unchanged by ansible-playbook and by
/// <c>converge apply</c> to two fresh folders must leave the same files (content and mode), including what find
/// and slurp registered; a second Converge run must change nothing.
/// </summary>
public sealed class IniFindDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task Ini_file_find_and_slurp_leave_the_same_files_as_Ansible()
    {
        var playbook = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", "Differential", "ini-find.yml");
        var inventory = _host.PathOf("hosts.ini");
        await File.WriteAllTextAsync(inventory, "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        var byAnsible = Directory.CreateDirectory(_host.PathOf("ansible")).FullName;
        var byConverge = Directory.CreateDirectory(_host.PathOf("converge")).FullName;

        var ansible = await AnsibleDifferentialTests.RunAnsibleAsync(playbook, inventory, byAnsible);
        var converge = await ConvergeProcess.RunAsync(["apply", playbook, "-i", inventory, "-e", "root=" + byConverge]);
        var report = _host.PathOf("rerun.json");
        var rerun = await ConvergeProcess.RunAsync(["check", playbook, "-i", inventory, "-e", "root=" + byConverge, "--report", report]);

        Assert.True(ansible.Exit == 0, ansible.Output);
        Assert.True(converge.ExitCode == 0, converge.ToString());
        Assert.Equal(AnsibleDifferentialTests.Files(byAnsible), AnsibleDifferentialTests.Files(byConverge));
        Assert.Contains("pool_size = 20", AnsibleDifferentialTests.Files(byConverge), StringComparison.Ordinal);
        Assert.Contains("logs 2 a.log,b.log All paths examined", await File.ReadAllTextAsync(Path.Combine(byConverge, "registered.txt")), StringComparison.Ordinal);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal(0, json.RootElement.GetProperty("hosts").GetProperty("localhost").GetProperty("changed").GetInt32());
    }
}
