using System.Diagnostics;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>The test kit's bounded run (the lab tests' guard against a run that never ends): it kills and explains.</summary>
public sealed class RunLimitSpecs
{
    [Fact]
    public async Task A_run_past_its_limit_is_killed_and_fails_with_what_it_printed_and_the_post_mortem()
    {
        using var workspace = new Workspace();
        var inventory = workspace.Write("hosts.ini", $"localhost ansible_connection=local converge_state_dir={workspace.Root}/state\n");
        var playbook = workspace.Write("site.yml", "- hosts: all\n  gather_facts: false\n  tasks:\n    - name: quick one\n      debug: {msg: hi}\n    - name: long wait\n      pause: {seconds: 60}\n");
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            ConvergeProcess.RunWithinAsync(["apply", playbook, "-i", inventory], TimeSpan.FromSeconds(4), () => Task.FromResult("what the lab looked like")));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the run was not killed at its limit: {clock.Elapsed}");
        Assert.Contains("was still running after", failure.Message);
        Assert.Contains("--- post-mortem\nwhat the lab looked like", failure.Message);
        Assert.Contains("quick one", failure.Message);
    }
}
