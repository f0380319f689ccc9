using Converge.Cli.Tests.Support;

namespace Converge.Cli.Tests.Specs;

/// <summary>check_mode per task, no_log, dynamic includes in validate and graph, meta end_play and the meta actions refused.</summary>
public sealed class ControlFlowSpecs
{
    [Fact]
    public async Task A_check_mode_false_task_runs_in_a_check_run_and_a_check_mode_true_task_only_checks_in_apply()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: always applied
                  copy: {dest: "{{ example_root }}/applied", content: "x\n"}
                  check_mode: false
                - name: follows the run
                  copy: {dest: "{{ example_root }}/follows", content: "x\n"}
                - name: always only checked
                  copy: {dest: "{{ example_root }}/checked", content: "x\n"}
                  check_mode: true
            """);

        var check = await workspace.RunAsync("check", playbook);
        var afterCheck = workspace.Snapshot().Keys.Where(k => !k.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var apply = await workspace.RunAsync("apply", playbook);
        var afterApply = workspace.Snapshot().Keys.Where(k => !k.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Equal(["applied"], afterCheck);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("changed: [localhost] always only checked", apply.Stdout);
        Assert.Equal(["applied", "follows"], afterApply);
    }

    [Fact]
    public async Task A_no_log_task_shows_no_value_in_its_output_its_failure_its_report_or_its_diagnostics()
    {
        using var workspace = new Workspace();
        var report = workspace.PathOf("report.json");
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: secret file
                  copy: {dest: "{{ example_root }}/secret", content: "hunter2-content\n"}
                  no_log: true
                - name: secret failure
                  shell: "echo hunter2-stderr >&2; exit 3"
                  no_log: true
                  ignore_errors: true
            """);
        var invalid = workspace.Write("invalid.yml", """
            - hosts: localhost
              gather_facts: false
              vars:
                secret_mode: hunter2-mode
              tasks:
                - name: secret with a bad mode
                  copy: {dest: "{{ example_root }}/secret", content: "x", mode: "{{ secret_mode }}"}
                  no_log: true
            """);

        var run = await workspace.RunAsync("apply", playbook, "--diff", "-v", "--report", report);
        var validation = await workspace.RunAsync("validate", invalid);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("hunter2-content\n", File.ReadAllText(workspace.PathOf("secret")));
        Assert.Contains("changed: [localhost] secret file — the output has been hidden due to the fact that 'no_log: true' was specified for this result", run.Stdout);
        Assert.Contains("failed (ignored): [localhost] secret failure — the output has been hidden", run.Stdout);
        Assert.DoesNotContain("hunter2", run.Stdout + run.Stderr + File.ReadAllText(report));
        Assert.True(validation.ExitCode == 1, validation.ToString());
        Assert.Contains($"{invalid}:7:", validation.Stderr);
        Assert.Contains("error: task 'secret with a bad mode' on localhost: invalid (details hidden: the task has no_log)", validation.Stderr);
        Assert.DoesNotContain("hunter2", validation.Stdout + validation.Stderr);
    }

    [Fact]
    public async Task Validate_and_graph_show_which_includes_expand_at_run_time_and_validate_the_known_ones_before()
    {
        using var workspace = new Workspace();
        workspace.Write("known.yml", "- name: from the known file\n  copy: {dest: \"{{ example_root }}/{{ item }}\", content: x, mode: \"0999\"}\n");
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: read at run time
                  command: echo later
                  register: picked
                  changed_when: false
                - name: named by a registered result
                  include_tasks: "{{ picked.stdout }}.yml"
                - name: named before the run
                  include_tasks: known.yml
                  loop: [a, b]
            """);

        var invalid = await workspace.RunAsync("validate", playbook);
        workspace.Write("known.yml", "- name: from the known file\n  copy: {dest: \"{{ example_root }}/{{ item }}\", content: x}\n");
        var valid = await workspace.RunAsync("validate", playbook);
        var graph = await workspace.RunAsync("graph", playbook);

        // The known file's bad mode is found before the run, located in that file.
        Assert.True(invalid.ExitCode == 1, invalid.ToString());
        Assert.Contains($"{workspace.PathOf("known.yml")}:2:", invalid.Stderr);
        Assert.Contains("0999", invalid.Stderr);
        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Contains($"note: {playbook}:9:22: '{{{{ picked.stdout }}}}.yml' depends on run-time values (facts or registered results): read and validated when a host first reaches it", valid.Stdout);
        Assert.DoesNotContain("known.yml' depends", valid.Stdout);
        Assert.Contains("named by a registered result [include_tasks] (expands at run time: {{ picked.stdout }}.yml)", graph.Stdout);
    }

    [Fact]
    public async Task A_dynamic_include_of_a_file_missing_at_run_time_fails_the_host_with_the_place_of_the_include()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - command: echo nothere
                  register: picked
                  changed_when: false
                - include_tasks: "{{ picked.stdout }}.yml"
                - name: not reached
                  copy: {dest: "{{ example_root }}/reached", content: x}
            """);

        var outcome = await workspace.RunAsync("apply", playbook);

        Assert.True(outcome.ExitCode == 4, outcome.ToString());
        Assert.Contains($"include_tasks 'nothere.yml': {playbook}:7:22: include_tasks: 'nothere.yml' does not exist", outcome.Stdout);
        Assert.False(File.Exists(workspace.PathOf("reached")));
    }

    [Fact]
    public async Task Meta_end_play_ends_the_play_and_the_next_play_runs_while_refresh_inventory_is_refused_before_the_run()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - meta: end_play
                - name: not run
                  copy: {dest: "{{ example_root }}/ended", content: x}
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: next play
                  copy: {dest: "{{ example_root }}/next", content: x}
            """);
        var refused = workspace.Write("refused.yml", """
            - hosts: localhost
              tasks:
                - meta: refresh_inventory
            """);

        var outcome = await workspace.RunAsync("apply", playbook);
        var validation = await workspace.RunAsync("validate", refused);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.False(File.Exists(workspace.PathOf("ended")));
        Assert.True(File.Exists(workspace.PathOf("next")));
        Assert.True(validation.ExitCode == 1, validation.ToString());
        Assert.Contains($"{refused}:3:13: error: meta: refresh_inventory is not supported: Converge reads the inventory once", validation.Stderr);
    }
}
