using Converge.Cli.Tests.Support;

namespace Converge.Cli.Tests.Specs;

public sealed class ValidateSpecs
{
    [Fact]
    public async Task I_see_every_mistake_of_a_broken_playbook_at_once_and_nothing_is_touched()
    {
        using var workspace = new Workspace();
        var vars = workspace.Write("vars/site.yml", "greeting: hello\n");
        var playbook = workspace.Write("broken.yml", """
            - hosts: localhost
              vars_files: [vars/site.yml]
              tasks:
                - name: typo in the module
                  filee:
                    path: "{{ example_root }}/a"
                - name: unknown parameter
                  file:
                    path: "{{ example_root }}/b"
                    contnet: x
                - name: undefined variable
                  file:
                    path: "{{ example_root }}/{{ greting }}"
                    state: touch
            """);
        var before = workspace.Snapshot();

        var outcome = await workspace.RunAsync("apply", playbook);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains($"{playbook}:5:7: error: unknown module or task key 'filee' (did you mean 'file'?)", outcome.Stderr);
        Assert.Contains($"{playbook}:10:9: error: task 'unknown parameter' on localhost: file: unknown parameter 'contnet' (did you mean 'content'?)", outcome.Stderr);
        Assert.Contains($"{playbook}:13:15: error: task 'undefined variable' on localhost: file.path: undefined variable 'greting'", outcome.Stderr);
        Assert.Contains("3 errors", outcome.Stderr);
        Assert.Contains("^", outcome.Stderr);
        Assert.Equal(before, workspace.Snapshot());
        Assert.True(File.Exists(vars));
    }

    [Fact]
    public async Task Mistakes_in_two_files_are_reported_together()
    {
        using var workspace = new Workspace();
        var inventory = workspace.Write("inventory/hosts.yml", "all:\n  hosts:\n    localhost:\n      ansible_connection: local\n  chidren: {}\n");
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              tasks:
                - name: a
                  file:
                    path: /tmp/x
                    state: sideways
                - name: b
                  command: echo
                  notify: nothing
            """);

        var outcome = await Converge.TestKit.ConvergeProcess.RunAsync("validate", playbook, "-i", inventory);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains($"{inventory}:5:3: error:", outcome.Stderr);
        Assert.Contains($"{playbook}:9:15: error: notify: no handler named 'nothing'", outcome.Stderr);
        Assert.Contains("3 errors", outcome.Stderr);
    }

    [Fact]
    public async Task I_can_validate_and_graph_a_playbook_without_contacting_any_host()
    {
        var validate = await Converge.TestKit.ConvergeProcess.RunAsync("validate", Workspace.Example("site.yml"), "-i", Workspace.LocalInventory);
        var graph = await Converge.TestKit.ConvergeProcess.RunAsync("graph", Workspace.Example("site.yml"), "-i", Workspace.LocalInventory, "--format", "mermaid");

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("valid: 1 plays, 1 hosts", validate.Stdout);
        Assert.True(graph.ExitCode == 0, graph.ToString());
        Assert.StartsWith("flowchart TD", graph.Stdout);
        Assert.Contains("-.->|notify|", graph.Stdout);
    }
}
