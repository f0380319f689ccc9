using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// <c>max_fail_percentage</c>: once more than that share of a play's hosts has failed, the play ends on every
/// host. <c>MaxFail/record.sh</c> records which files Ansible 2.14 writes for a limit under and at the failed share.
/// </summary>
public sealed class MaxFailPercentageSpecs
{
    [Theory]
    [InlineData("limit-40")]
    [InlineData("limit-50")]
    public async Task A_play_ends_on_every_host_once_more_than_the_limit_of_its_hosts_failed_as_in_Ansible(string playbook)
    {
        var here = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Cli.Tests", "Specs", "MaxFail");
        var recorded = File.ReadAllLines(Path.Combine(here, "max-fail.recorded.txt")).Single(l => l.StartsWith(playbook + " ", StringComparison.Ordinal));
        using var workspace = new Workspace();

        var outcome = await ConvergeProcess.RunAsync([
            "apply", Path.Combine(here, playbook + ".yml"), "-i", Path.Combine(here, "inventory.ini"),
            "-e", $"out_dir={workspace.Root}", "-e", $"converge_state_dir={workspace.StateDirectory}"]);

        Assert.NotEqual(0, outcome.ExitCode);
        var written = Directory.GetFiles(workspace.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(recorded[(playbook.Length + 1)..], string.Join(' ', written));
    }
}
