using Converge.Lab;
using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// The examples that would change the machine running them (accounts, its name, its zone, apt's sources), run
/// for real on a lab host instead: check mode leaves the host as it was, the first apply succeeds, the second
/// changes nothing. The play's <c>hosts: localhost</c> is pointed at the lab host; nothing else is edited.
/// </summary>
public sealed class SystemExampleLabTests(SystemExampleLab lab) : IClassFixture<SystemExampleLab>
{
    [Converge.Modules.Tests.Apt.LabTheory]
    [InlineData("user")]
    [InlineData("group")]
    [InlineData("hostname")]
    [InlineData("timezone")]
    [InlineData("apt_repository")]
    [InlineData("deb822_repository")]
    public async Task A_system_example_checks_without_changing_the_host_applies_and_reruns_with_no_changes(string module)
    {
        var playbook = Path.Combine(lab.Work, module + ".yml");
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Examples, module + ".yml"));
        await File.WriteAllTextAsync(playbook, text.Replace("hosts: localhost", "hosts: node1").Replace("hosts: all", "hosts: node1"));

        if (module == "timezone")
        {
            // The image runs on UTC, which is what the example asks for: start from another zone so there is work to do.
            await lab.ShellAsync("ln -sfn /usr/share/zoneinfo/America/New_York /etc/localtime && echo America/New_York > /etc/timezone");
        }

        var before = await lab.StateAsync();
        var check = await RunAsync("check", playbook);
        var afterCheck = await lab.StateAsync();
        var first = await RunAsync("apply", playbook);
        var second = await RunAsync("apply", playbook);

        Assert.True(check.Exit is 0 or 2 && check.Failed == 0, check.Output);
        Assert.Equal(before, afterCheck);
        Assert.True(first.Exit == 0 && first.Failed == 0, first.Output);
        Assert.True(first.Changed > 0, "the first apply changed nothing, so the check proved nothing: " + first.Output);
        Assert.NotEqual(afterCheck, await lab.StateAsync());
        Assert.True(second.Exit == 0 && second.Changed == 0, second.Output);
    }

    private Task<ReportedRun> RunAsync(string verb, string playbook) => ReportedRun.RunAsync([verb, playbook, "-i", lab.Inventory], lab.Work, "node1");
}
