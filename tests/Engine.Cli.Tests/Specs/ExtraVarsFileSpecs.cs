using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

public sealed class ExtraVarsFileSpecs
{
    [Fact]
    public async Task I_can_pass_a_vars_file_with_e_at_and_its_words_never_become_options()
    {
        using var workspace = new Workspace();
        // Before response files were turned off, System.CommandLine spliced these words into the command line.
        var vars = workspace.Write("vars.yml", "greeting: --help\nfile_name: from-vars-file\n");
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              tasks:
                - name: write
                  file:
                    path: "{{ example_root }}/{{ file_name }}"
                    content: "{{ greeting }}"
            """);

        var outcome = await workspace.RunAsync("apply", playbook, "-e", "@" + vars);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("--help", File.ReadAllText(workspace.PathOf("from-vars-file")));
    }

    [Fact]
    public async Task A_missing_vars_file_is_an_error_naming_it_and_nothing_runs()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", "- hosts: localhost\n  tasks:\n    - file: {path: \"{{ example_root }}/x\", state: touch}\n");
        var missing = workspace.PathOf("missing.yml");

        var outcome = await ConvergeProcess.RunAsync("apply", playbook, "-i", Workspace.LocalInventory, "-e", "@" + missing);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains($"<command line: -e @{missing}>: error: extra vars file '{missing}' does not exist", outcome.Stderr);
        Assert.False(File.Exists(workspace.PathOf("x")));
    }
}
