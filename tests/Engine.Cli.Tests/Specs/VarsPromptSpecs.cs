using Converge.Cli.Tests.Support;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// <c>vars_prompt</c> without a terminal: <c>-e</c> wins and a default is taken, as Ansible 2.14 does
/// (<c>VarsPrompt/record.sh</c>); a prompt with neither is a located error before any host is contacted, where
/// Ansible would go on with the string "None".
/// </summary>
public sealed class VarsPromptSpecs
{
    [Fact]
    public async Task Extra_vars_win_over_a_prompt_and_a_default_is_taken_without_a_terminal_as_in_Ansible()
    {
        await AnsibleRecording.AssertConvergeWritesTheSameAsync("VarsPrompt", "vars-prompt.recorded.txt", 1, "-e", "given=from-extra-vars");
    }

    [Fact]
    public async Task A_prompt_without_a_value_default_or_terminal_is_a_located_error_and_nothing_runs()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              vars_prompt:
                - name: release
                  prompt: Which release?
                - {name: tag, prompt: Tag?, encrypt: sha512_crypt}
              tasks:
                - copy: {dest: "{{ example_root }}/touched", content: "{{ release }}"}
            """);

        var outcome = await workspace.RunAsync("apply", playbook);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("site.yml:4:7: error: vars_prompt 'release': no value and no terminal to ask on; give it with -e release=VALUE", outcome.Stderr);
        Assert.Contains("site.yml:6:33: error: vars_prompt 'encrypt' is not supported", outcome.Stderr);
        Assert.DoesNotContain("undefined variable 'release'", outcome.Stderr);
        Assert.False(File.Exists(workspace.PathOf("touched")));
    }
}
