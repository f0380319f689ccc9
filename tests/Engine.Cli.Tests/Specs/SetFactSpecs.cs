using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// <c>set_fact</c> (and <c>cacheable</c>): what a host sees after it, compared with what Ansible 2.14 wrote for the
/// same playbook (<c>SetFact/record.sh</c> re-records it); and its names known to validation before the run.
/// </summary>
public sealed class SetFactSpecs
{
    [Fact]
    public async Task Set_fact_variables_are_what_Ansible_gives_with_its_precedence_across_plays_and_in_ansible_facts_when_cacheable()
    {
        await AnsibleRecording.AssertConvergeWritesTheSameAsync("SetFact", "set-fact.recorded.txt", 2);
    }

    [Fact]
    public async Task A_variable_set_by_set_fact_is_not_undefined_at_validation_but_a_bad_name_and_a_truly_undefined_one_are()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - set_fact:
                    greeting: hello
                    2bad: x
                - name: uses it
                  copy: {dest: "{{ example_root }}/{{ nowhere }}", content: "{{ greeting }}"}
            """);

        var outcome = await workspace.RunAsync("validate", playbook);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("set_fact: '2bad' is not a valid variable name", outcome.Stderr);
        Assert.Contains("undefined variable 'nowhere'", outcome.Stderr);
        Assert.DoesNotContain("'greeting'", outcome.Stderr);
    }
}
