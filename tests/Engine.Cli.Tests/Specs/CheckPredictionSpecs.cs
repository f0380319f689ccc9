using Converge.Cli.Tests.Support;

namespace Converge.Cli.Tests.Specs;

/// <summary>Check mode predicts what apply will do, failures included (as Ansible's check mode does).</summary>
public sealed class CheckPredictionSpecs
{
    [Fact]
    public async Task Check_predicts_that_a_write_into_a_directory_nothing_creates_fails_as_apply_does()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("orphan.yml", """
            - hosts: localhost
              tasks:
                - name: orphan
                  copy:
                    content: "x\n"
                    dest: "{{ example_root }}/missing/dir/file"
            """);

        var check = await workspace.RunAsync("check", playbook);
        var apply = await workspace.RunAsync("apply", playbook);

        Assert.True(check.ExitCode == 4, check.ToString());
        Assert.Contains($"{workspace.PathOf("missing/dir")} does not exist", check.Stdout);
        Assert.True(apply.ExitCode == 4, apply.ToString());
        Assert.False(Directory.Exists(workspace.PathOf("missing")));
    }

    [Fact]
    public async Task Check_assumes_the_write_succeeds_when_an_earlier_task_creates_the_directory()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("made.yml", """
            - hosts: localhost
              tasks:
                - name: directory
                  file:
                    path: "{{ example_root }}/made"
                    state: directory
                - name: file in it
                  copy:
                    content: "x\n"
                    dest: "{{ example_root }}/made/file"
            """);

        var check = await workspace.RunAsync("check", playbook);

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Contains("assumed", check.Stdout);
        Assert.False(Directory.Exists(workspace.PathOf("made")));
        var apply = await workspace.RunAsync("apply", playbook);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal("x\n", File.ReadAllText(workspace.PathOf("made/file")));
    }
}
