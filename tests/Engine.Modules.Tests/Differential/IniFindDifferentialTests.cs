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
        var (playbook, inventory, byAnsible, byConverge) = await DifferentialRun.ApplyAsync(_host, "ini-find.yml");
        var report = _host.PathOf("rerun.json");
        var rerun = await ConvergeProcess.RunAsync(["check", playbook, "-i", inventory, "-e", "root=" + byConverge, "--report", report]);

        Assert.Equal(AnsibleDifferentialTests.Files(byAnsible), AnsibleDifferentialTests.Files(byConverge));
        Assert.Contains("pool_size = 20", AnsibleDifferentialTests.Files(byConverge), StringComparison.Ordinal);
        Assert.Contains("logs 2 a.log,b.log All paths examined", await File.ReadAllTextAsync(Path.Combine(byConverge, "registered.txt")), StringComparison.Ordinal);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal(0, json.RootElement.GetProperty("hosts").GetProperty("localhost").GetProperty("changed").GetInt32());
    }
}
