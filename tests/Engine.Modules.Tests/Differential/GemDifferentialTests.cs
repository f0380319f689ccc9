using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// gem against Ansible: gem.yml run unchanged by ansible-playbook and by <c>converge apply</c> must leave install_dirs
/// whose gem lists the same versions, with each task changed or not alike in both (from a file, pinned again, latest
/// from a local source, one version removed, latest again).
/// </summary>
public sealed class GemDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task A_gem_from_a_file_then_upgraded_by_latest_from_a_local_source_and_one_version_removed_matches_Ansible()
    {
        var run = await DifferentialRun.ApplyAsync(_host, "gem.yml");

        var converge = await File.ReadAllTextAsync(Path.Combine(run.ByConverge, "gem-list.txt"));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(run.ByAnsible, "gem-list.txt")), converge);
        Assert.Contains("converge_demo (2.0.0)\n", converge, StringComparison.Ordinal);
        Assert.Contains("pinned again: False\nupgraded: True 2.0.0\nremoved: True\nlatest again: False\n", converge, StringComparison.Ordinal);
    }
}
