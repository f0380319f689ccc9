using Converge.Cli.Tests.Support;

namespace Converge.Cli.Tests.Specs;

/// <summary>The <c>with_*</c> loop forms Converge reads as Ansible does.</summary>
public sealed class LoopFormSpecs
{
    [Fact]
    public async Task With_dict_loops_over_key_and_value_items_as_Ansibles_dict2items_does()
    {
        // Ansible 2.14 gives the same items for with_dict as for loop: "{{ users | dict2items }}".
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              vars:
                users: {alice: 1, bob: 2}
              tasks:
                - name: one file per entry
                  copy: {dest: "{{ example_root }}/{{ item.key }}", content: "{{ item.value }}"}
                  with_dict: "{{ users }}"
            """);

        var outcome = await workspace.RunAsync("apply", playbook);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("1", File.ReadAllText(workspace.PathOf("alice")));
        Assert.Equal("2", File.ReadAllText(workspace.PathOf("bob")));
    }
}
