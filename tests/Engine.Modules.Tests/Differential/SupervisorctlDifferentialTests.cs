using Converge.Modules.Tests.Common;
using Converge.Modules.Tests.Supervisorctl;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// supervisorctl against Ansible: supervisorctl.yml run unchanged by ansible-playbook and by <c>converge apply</c>, each
/// against its own real supervisord, must report the same changed and affected for every task and leave the same
/// process states.
/// </summary>
public sealed class SupervisorctlDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task Started_signalled_restarted_stopped_present_and_absent_match_Ansible()
    {
        await using var forAnsible = await SupervisordServer.StartAsync(_host.PathOf("ansible/supervisor"));
        await using var forConverge = await SupervisordServer.StartAsync(_host.PathOf("converge/supervisor"));

        var run = await DifferentialRun.ApplyAsync(_host, "supervisorctl.yml");

        var converge = await File.ReadAllTextAsync(Path.Combine(run.ByConverge, "supervisorctl.txt"));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(run.ByAnsible, "supervisorctl.txt")), converge);
        Assert.StartsWith("started: True worker\nstarted again: False\nsignalled: True worker\nrestarted: True grp:g1,grp:g2\n", converge, StringComparison.Ordinal);
        Assert.Contains("worker STOPPED", converge, StringComparison.Ordinal);
    }
}
