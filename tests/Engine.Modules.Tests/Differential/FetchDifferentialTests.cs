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
        var playbook = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", "Differential", "fetch.yml");
        var inventory = _host.PathOf("hosts.ini");
        await File.WriteAllTextAsync(inventory, "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        var byAnsible = Directory.CreateDirectory(_host.PathOf("ansible")).FullName;
        var byConverge = Directory.CreateDirectory(_host.PathOf("converge")).FullName;

        var ansible = await AnsibleDifferentialTests.RunAnsibleAsync(playbook, inventory, byAnsible);
        var converge = await ConvergeProcess.RunAsync(["apply", playbook, "-i", inventory, "-e", "root=" + byConverge]);

        Assert.True(ansible.Exit == 0, ansible.Output);
        Assert.True(converge.ExitCode == 0, converge.ToString());
        Assert.Equal(AnsibleDifferentialTests.Files(byAnsible), AnsibleDifferentialTests.Files(byConverge));
        Assert.True(File.Exists(Path.Combine(byConverge, "fetched", "localhost", "etc", "os-release")));
    }
}
