using System.Diagnostics;
using Converge.Cli.Tests.Support;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// The <c>with_*</c> loop forms, <c>loop_control</c> and a loop's registered result, as Ansible 2.14 runs them:
/// <c>Loops/record.sh</c> records what Ansible writes for <c>Loops/playbook.yml</c>; converge must write the same.
/// </summary>
public sealed class LoopFormSpecs
{
    [Fact]
    public async Task Every_with_form_loop_control_and_registered_loop_results_are_what_Ansible_gives()
    {
        await AnsibleRecording.AssertConvergeWritesTheSameAsync("Loops", "loops.recorded.txt", 3);
    }

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

    [Fact]
    public async Task An_unknown_with_form_and_an_unknown_loop_control_key_are_located_diagnostics_naming_the_known_ones()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - debug: {msg: "{{ item }}"}
                  with_itmes: [1, 2]
                - debug: {msg: "{{ x }}"}
                  loop: [1]
                  loop_control: {loopvar: x}
                - debug: {msg: "{{ item }}"}
                  loop: [1]
                  with_items: [2]
            """);

        var outcome = await workspace.RunAsync("validate", playbook);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("site.yml:5:7: error: unknown loop 'with_itmes'", outcome.Stderr);
        Assert.Contains("did you mean 'with_items'", outcome.Stderr);
        Assert.Contains("with_subelements", outcome.Stderr);
        Assert.Contains("site.yml:8:22: error: unknown loop_control key 'loopvar'", outcome.Stderr);
        Assert.Contains("site.yml:11:7: error: duplicate loop in task", outcome.Stderr);
    }

    [Fact]
    public async Task A_loop_control_label_names_each_item_in_the_output_and_pause_waits_between_items()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: files
                  copy: {dest: "{{ example_root }}/{{ f.name }}", content: "{{ f.secret }}"}
                  loop: [{name: one, secret: s3cr3t-1}, {name: two, secret: s3cr3t-2}, {name: three, secret: s3cr3t-3}]
                  loop_control: {loop_var: f, label: "file {{ f.name }}", pause: 0.4}
            """);

        var clock = Stopwatch.StartNew();
        var outcome = await workspace.RunAsync("apply", playbook);
        clock.Stop();

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("[file two]", outcome.Stdout);
        Assert.DoesNotContain("s3cr3t", outcome.Stdout);
        Assert.Equal("s3cr3t-3", File.ReadAllText(workspace.PathOf("three")));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.8), $"two pauses of 0.4s between three items, but the run took {clock.Elapsed}");
    }
}
