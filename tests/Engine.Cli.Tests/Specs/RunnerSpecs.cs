using System.Text.Json;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>Scheduling across hosts: requires, failures that stop one host only, throttle, serial, assumed changes.</summary>
public sealed class RunnerSpecs
{
    private static string Inventory(Workspace workspace) => workspace.Write("inventory/hosts.yml", """
        all:
          vars:
            ansible_connection: local
          children:
            builder:
              hosts:
                b1: {}
            mesh:
              hosts:
                m1: {}
                m2: {}
                m3: {}
        """);

    /// <summary>Applies a playbook to the four local hosts of <see cref="Inventory"/>.</summary>
    private static Task<ConvergeOutcome> ApplyOnHostsAsync(Workspace workspace, string playbook, params string[] extra) =>
        ConvergeProcess.RunAsync(["apply", playbook, "-i", Inventory(workspace), "-e", $"example_root={workspace.Root}", "-e", $"converge_state_dir={workspace.StateDirectory}", .. extra]);

    [Fact]
    public async Task A_failed_host_stops_only_itself_and_tasks_that_require_it_are_skipped_and_say_why()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: builder
              tasks:
                - name: build
                  shell: exit 1
            - hosts: mesh
              tasks:
                - name: independent
                  file:
                    path: "{{ example_root }}/{{ inventory_hostname }}-independent"
                    state: touch
                - name: install
                  file:
                    path: "{{ example_root }}/{{ inventory_hostname }}-installed"
                    state: touch
                  requires: build
            """);

        var run = await ApplyOnHostsAsync(workspace, playbook, "--report", workspace.PathOf("r.json"));

        Assert.True(run.ExitCode == 4, run.ToString());
        foreach (var host in new[] { "m1", "m2", "m3" })
        {
            Assert.True(File.Exists(workspace.PathOf($"{host}-independent")));
            Assert.False(File.Exists(workspace.PathOf($"{host}-installed")));
            Assert.Contains($"skipped: [{host}] install — skipped: requires 'build' on b1, which failed or could not run", run.Stdout);
        }

        var hosts = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("r.json"))).RootElement.GetProperty("hosts");
        Assert.Equal(1, hosts.GetProperty("b1").GetProperty("failed").GetInt32());
        Assert.Equal(1, hosts.GetProperty("m2").GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task Throttle_one_runs_a_task_on_one_host_at_a_time()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: mesh
              tasks:
                - name: rolling step
                  throttle: 1
                  shell: echo "start {{ inventory_hostname }}" >> "{{ example_root }}/log"; sleep 0.3; echo "end {{ inventory_hostname }}" >> "{{ example_root }}/log"
            """);

        var run = await ApplyOnHostsAsync(workspace, playbook);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = File.ReadAllLines(workspace.PathOf("log"));
        Assert.Equal(6, lines.Length);
        for (var i = 0; i < lines.Length; i += 2)
        {
            Assert.StartsWith("start ", lines[i]);
            Assert.Equal(lines[i].Replace("start", "end", StringComparison.Ordinal), lines[i + 1]);
        }
    }

    [Fact]
    public async Task Serial_finishes_a_batch_of_hosts_before_the_next_begins()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: mesh
              serial: 1
              tasks:
                - name: first
                  shell: echo "first {{ inventory_hostname }}" >> "{{ example_root }}/log"; sleep 0.2
                - name: second
                  shell: echo "second {{ inventory_hostname }}" >> "{{ example_root }}/log"
            """);

        var run = await ApplyOnHostsAsync(workspace, playbook);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["first m1", "second m1", "first m2", "second m2", "first m3", "second m3"], File.ReadAllLines(workspace.PathOf("log")));
    }

    [Fact]
    public async Task A_failing_attempt_of_a_task_with_until_is_retried()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              tasks:
                - name: ready on the second attempt
                  shell: test -f "{{ example_root }}/ready" || { touch "{{ example_root }}/ready"; exit 1; }
                  register: probe
                  until: probe.rc == 0
                  retries: 3
                  delay: 0
            """);

        var run = await workspace.RunAsync("apply", playbook);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("changed: [localhost] ready on the second attempt", run.Stdout);
    }

    [Fact]
    public async Task Check_mode_labels_a_plan_that_depends_on_a_pending_change_as_assumed()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              tasks:
                - name: read the version
                  command: cat /etc/debian_version
                  register: version
                - name: write it
                  file:
                    path: "{{ example_root }}/version"
                    content: "{{ version.stdout }}"
            """);

        var check = await workspace.RunAsync("check", playbook, "--report", workspace.PathOf("r.json"));

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Contains("changed (assumed): [localhost] write it", check.Stdout);
        var tasks = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("r.json"))).RootElement.GetProperty("tasks");
        Assert.True(tasks[1].GetProperty("assumed").GetBoolean());
        Assert.False(File.Exists(workspace.PathOf("version")));

        var apply = await workspace.RunAsync("apply", playbook);

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(File.ReadAllText("/etc/debian_version").Trim(), File.ReadAllText(workspace.PathOf("version")).Trim());
    }

    [Fact]
    public async Task A_command_that_failed_when_declares_not_failed_is_changed_and_notifies_as_in_ansible()
    {
        // Ansible 2.14 on this playbook: the first task changed, the second ok, the debug "True False 3",
        // handler `mark` runs and `mark2` does not; recap ok=4 changed=2 (found by geerlingguy.clamav's
        // `freshclam` task in tests/Corpus/differential-roles.py).
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: a command that fails but is declared not failed
                  shell: echo ran >> "{{ example_root }}/ran"; exit 3
                  register: result
                  failed_when: result.rc not in [0, 3]
                  notify: mark
                - name: the same with changed_when false
                  shell: exit 3
                  register: quiet
                  failed_when: false
                  changed_when: false
                  notify: mark2
                - copy:
                    dest: "{{ example_root }}/seen"
                    content: "{{ result.changed }} {{ result.failed }} {{ result.rc }}"
              handlers:
                - name: mark
                  copy: { dest: "{{ example_root }}/handler", content: "ran" }
                - name: mark2
                  copy: { dest: "{{ example_root }}/handler2", content: "ran" }
            """);

        var apply = await workspace.RunAsync("apply", playbook, "--report", workspace.PathOf("r.json"));

        Assert.True(apply.ExitCode == 0, apply.ToString());
        var tasks = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("r.json"))).RootElement.GetProperty("tasks");
        Assert.Equal("changed", tasks[0].GetProperty("status").GetString());
        Assert.Equal("ok", tasks[1].GetProperty("status").GetString());
        Assert.Equal("True False 3", File.ReadAllText(workspace.PathOf("seen")));
        Assert.True(File.Exists(workspace.PathOf("handler")), apply.ToString());
        Assert.False(File.Exists(workspace.PathOf("handler2")), apply.ToString());
    }

    [Fact]
    public async Task Check_mode_runs_no_command_retries_no_until_and_skips_a_command_declared_never_to_change()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              tasks:
                - name: read-only probe
                  shell: echo ran >> "{{ example_root }}/ran"; exit 1
                  register: probe
                  until: probe.rc == 0
                  retries: 30
                  delay: 1
                  changed_when: false
                - name: a command that may change
                  shell: echo ran >> "{{ example_root }}/ran"
                  register: maybe
                  changed_when: maybe.rc == 0
            """);

        var check = await workspace.RunAsync("check", playbook, "--report", workspace.PathOf("r.json"));

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.False(File.Exists(workspace.PathOf("ran")));
        var tasks = JsonDocument.Parse(File.ReadAllText(workspace.PathOf("r.json"))).RootElement.GetProperty("tasks");
        Assert.Equal("skipped", tasks[0].GetProperty("status").GetString());
        Assert.Contains("not run (changed_when is false)", tasks[0].GetProperty("message").GetString());
        Assert.Equal("changed", tasks[1].GetProperty("status").GetString());
    }
}
