using System.Text.Json;
using Converge.Cli.Tests.Support;

namespace Converge.Cli.Tests.Specs;

public sealed class ApplySpecs
{
    private static readonly string Site = Workspace.Example("site.yml");

    [Fact]
    public async Task I_can_apply_a_playbook_and_a_rerun_changes_nothing()
    {
        using var workspace = new Workspace();

        var first = await workspace.RunAsync("apply", Site, "--report", workspace.PathOf("first.json"));
        var second = await workspace.RunAsync("apply", Site, "--detailed-exitcode", "--report", workspace.PathOf("second.json"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(File.Exists(workspace.PathOf("etc/motd")));
        Assert.Contains("192.0.2.10 alpha", File.ReadAllText(workspace.PathOf("etc/hosts")));
        var firstHost = Host(workspace.PathOf("first.json"));
        var secondHost = Host(workspace.PathOf("second.json"));
        Assert.True(firstHost.GetProperty("changed").GetInt32() > 0);
        Assert.Equal(0, secondHost.GetProperty("changed").GetInt32());
        Assert.Equal(0, secondHost.GetProperty("failed").GetInt32());
        Assert.Single(File.ReadAllLines(workspace.PathOf("log/reloads")));
    }

    [Fact]
    public async Task I_can_check_a_playbook_without_changing_the_host_and_apply_restores_a_hand_edit()
    {
        using var workspace = new Workspace();
        await workspace.RunAsync("apply", Site);
        File.AppendAllText(workspace.PathOf("etc/motd"), "edited by hand\n");
        var before = workspace.Snapshot();

        var check = await workspace.RunAsync("check", Site, "--report", workspace.PathOf("check.json"));

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Contains("-edited by hand", check.Stdout);
        Assert.Contains("changed: [localhost] motd", check.Stdout);
        var after = workspace.Snapshot();
        after.Remove("check.json");
        Assert.Equal(before, after);
        Assert.Equal("check", JsonDocument.Parse(File.ReadAllText(workspace.PathOf("check.json"))).RootElement.GetProperty("mode").GetString());

        var apply = await workspace.RunAsync("apply", Site, "--detailed-exitcode");

        Assert.True(apply.ExitCode == 2, apply.ToString());
        Assert.DoesNotContain("edited by hand", File.ReadAllText(workspace.PathOf("etc/motd")));
        var again = await workspace.RunAsync("check", Site);
        Assert.True(again.ExitCode == 0, again.ToString());
    }

    [Fact]
    public async Task A_failing_task_stops_its_host_and_exits_4_with_the_command_and_stderr()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("fail.yml", """
            - hosts: localhost
              tasks:
                - name: breaks
                  shell: echo broken >&2; exit 3
                - name: never runs
                  file:
                    path: "{{ example_root }}/never"
                    state: touch
            """);

        var run = await workspace.RunAsync("apply", playbook, "--report", workspace.PathOf("report.json"));

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("failed: [localhost] breaks", run.Stdout);
        Assert.Contains("stderr: broken", run.Stdout);
        Assert.False(File.Exists(workspace.PathOf("never")));
        var task = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("report.json"))).RootElement.GetProperty("tasks")[0];
        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Equal(3, task.GetProperty("exit_code").GetInt32());
    }

    private static JsonElement Host(string report) =>
        JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("hosts").GetProperty("localhost");
}
