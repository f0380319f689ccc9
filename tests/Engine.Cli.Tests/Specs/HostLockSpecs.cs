using System.Diagnostics;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>Two real <c>converge</c> processes on one host: the per-host run lock (as Puppet's agent lock).</summary>
public sealed class HostLockSpecs
{
    private const string Playbook = """
        - hosts: localhost
          tasks:
            - name: slow
              shell: touch "{{ example_root }}/started"; i=0; while [ ! -e "{{ example_root }}/release" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; echo done >> "{{ example_root }}/log"
            - name: line
              line:
                path: "{{ example_root }}/config"
                line: "{{ entry }}"
                create: true
        """;

    [Fact]
    public async Task A_second_run_on_a_host_another_run_is_converging_fails_that_host_and_names_the_holder()
    {
        using var workspace = new Workspace();
        var first = Start(workspace, "first");

        await WaitForAsync(workspace.PathOf("started"));
        var second = await workspace.RunAsync("apply", workspace.PathOf("slow.yml"), "-e", "entry=second");
        File.WriteAllText(workspace.PathOf("release"), string.Empty);
        await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(second.ExitCode == 4, second.ToString());
        Assert.Contains("localhost is being converged by another run (run ", second.Stdout);
        Assert.Contains("nothing was changed on it", second.Stdout);
        Assert.True(first.ExitCode == 0, await File.ReadAllTextAsync(workspace.PathOf("first.txt")));
        Assert.Equal("first\n", await File.ReadAllTextAsync(workspace.PathOf("config")));
        Assert.Equal("done\n", await File.ReadAllTextAsync(workspace.PathOf("log")));
    }

    [Fact]
    public async Task The_lock_of_a_killed_run_is_taken_over_by_the_next_run()
    {
        using var workspace = new Workspace();
        var killed = Start(workspace, "killed");
        await WaitForAsync(workspace.PathOf("started"));
        killed.Kill();
        await killed.WaitForExitAsync();

        File.WriteAllText(workspace.PathOf("release"), string.Empty);
        var next = await workspace.RunAsync("apply", workspace.PathOf("slow.yml"), "-e", "entry=next");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal("next\n", await File.ReadAllTextAsync(workspace.PathOf("config")));
        // The killed run's record (lock.1) is stale: the next run wrote lock.2, and removed it again when it ended
        // (a local run's record names the controller, which may outlive the run).
        Assert.Equal(["lock.1"], Directory.GetFiles(workspace.StateDirectory, "lock.*").Select(Path.GetFileName));

        // The kill reached converge alone: its task's shell goes on and ends once released. Waited for, so its last
        // write cannot race the workspace's removal.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await File.ReadAllTextAsync(workspace.PathOf("log")) != "done\ndone\n")
        {
            Assert.True(DateTime.UtcNow < deadline, "the killed run's task never ended: " + await File.ReadAllTextAsync(workspace.PathOf("log")));
            await Task.Delay(20);
        }
    }

    private static Process Start(Workspace workspace, string entry)
    {
        var playbook = workspace.Write("slow.yml", Playbook);
        return ConvergeProcess.Start(
            ["apply", playbook, "-i", Workspace.LocalInventory, "-e", $"example_root={workspace.Root}", "-e", $"converge_state_dir={workspace.StateDirectory}", "-e", $"entry={entry}"],
            workspace.PathOf(entry + ".txt"));
    }

    private static async Task WaitForAsync(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.Exists(path))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} never appeared");
            await Task.Delay(20);
        }
    }
}
