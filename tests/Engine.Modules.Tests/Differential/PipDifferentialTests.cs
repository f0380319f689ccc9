using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// pip against Ansible: pip.yml run unchanged by ansible-playbook and by <c>converge apply</c> must leave virtualenvs
/// whose pip lists the same packages at the same versions, with the last (already satisfied) task unchanged in both.
/// </summary>
public sealed class PipDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task A_virtualenv_and_a_pinned_then_upgraded_wheel_leave_the_same_packages_as_Ansible()
    {
        var run = await DifferentialRun.ApplyAsync(_host, "pip.yml");

        var converge = await File.ReadAllTextAsync(Path.Combine(run.ByConverge, "pip-list.txt"));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(run.ByAnsible, "pip-list.txt")), converge);
        Assert.Contains("converge-demo==2.0\n", converge, StringComparison.Ordinal);
        Assert.EndsWith("rerun changed: False\n", converge, StringComparison.Ordinal);
    }
}
