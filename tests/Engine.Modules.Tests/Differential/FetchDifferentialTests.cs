using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Differential;

/// <summary>fetch against Ansible: fetch.yml applied by ansible-playbook and by <c>converge apply</c> must lay out the same files (content and mode) and register the same values.</summary>
public sealed class FetchDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task Fetch_lays_out_the_same_files_as_Ansible()
    {
        var (_, _, byAnsible, byConverge) = await DifferentialRun.ApplyAsync(_host, "fetch.yml");

        Assert.Equal(AnsibleDifferentialTests.Files(byAnsible), AnsibleDifferentialTests.Files(byConverge));
        Assert.True(File.Exists(Path.Combine(byConverge, "fetched", "localhost", "etc", "os-release")));
    }
}
