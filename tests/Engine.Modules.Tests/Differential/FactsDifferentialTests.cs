using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// getent and service_facts against Ansible: facts.yml run unchanged by ansible-playbook and by <c>converge apply</c>
/// on this machine must set the same <c>ansible_facts</c> (written as JSON files and compared byte for byte).
/// </summary>
public sealed class FactsDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task Getent_and_service_facts_set_the_same_facts_as_Ansible()
    {
        var run = await DifferentialRun.ApplyAsync(_host, "facts.yml");

        Assert.Equal(DifferentialRun.Tree(run.ByAnsible), DifferentialRun.Tree(run.ByConverge));
        Assert.Contains("\"root\": [\n        \"x\",\n        \"0\",", await File.ReadAllTextAsync(Path.Combine(run.ByConverge, "getent_group.json")), StringComparison.Ordinal);
        Assert.Contains("\"converge-no-such-user\": null", await File.ReadAllTextAsync(Path.Combine(run.ByConverge, "getent_missing.json")), StringComparison.Ordinal);
    }
}
