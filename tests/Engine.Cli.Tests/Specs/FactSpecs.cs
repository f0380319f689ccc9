using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>Ansible's facts in a playbook: gathered when referenced, by setup on demand, with Ansible's values.</summary>
public sealed class FactSpecs
{
    [Fact]
    public async Task I_can_use_facts_without_asking_for_them_and_they_are_ansibles_values()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              tasks:
                - name: facts into a file
                  copy:
                    content: "{{ ansible_distribution }}|{{ ansible_facts.os_family }}|{{ ansible_default_ipv4.address }}|{{ ansible_user_id }}|{{ ansible_memtotal_mb }}\n"
                    dest: "{{ example_root }}/facts"
            """);

        var apply = await workspace.RunAsync("apply", playbook);
        var ansible = await AnsibleFacts.SetupAsync("localhost");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        var expected = string.Join('|', ansible["distribution"], ansible["os_family"], ((Dictionary<string, object?>)ansible["default_ipv4"]!)["address"], ansible["user_id"], ansible["memtotal_mb"]);
        Assert.Equal(expected + "\n", File.ReadAllText(workspace.PathOf("facts")));
    }

    [Fact]
    public async Task Facts_used_only_in_a_file_an_include_reads_at_run_time_are_gathered()
    {
        using var workspace = new Workspace();
        workspace.Write("Debian.yml", """
            - name: facts into a file
              copy:
                content: "{{ ansible_distribution }}|{{ ansible_kernel }}\n"
                dest: "{{ example_root }}/facts"
            """);
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              tasks:
                - name: which file
                  command: echo Debian
                  register: family
                  changed_when: false
                - include_tasks: "{{ family.stdout }}.yml"
            """);

        var apply = await workspace.RunAsync("apply", playbook);
        var ansible = await AnsibleFacts.SetupAsync("localhost");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal($"{ansible["distribution"]}|{ansible["kernel"]}\n", File.ReadAllText(workspace.PathOf("facts")));
    }

    /// <summary>
    /// A looped include inside another looped include: the inner file is read only when the outer one runs, so the
    /// play cannot know which facts it uses and gathers them all, as Ansible's default does.
    /// </summary>
    [Fact]
    public async Task Facts_used_only_in_a_looped_include_inside_another_are_gathered()
    {
        using var workspace = new Workspace();
        workspace.Write("inner.yml", """
            - name: memory into a file
              copy:
                content: "memory {{ ansible_memtotal_mb }}\n"
                dest: "{{ example_root }}/memory-{{ item }}"
            """);
        workspace.Write("outer.yml", """
            - include_tasks: inner.yml
              loop: [a]
            """);
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              tasks:
                - include_tasks: outer.yml
                  loop: [x]
            """);

        var apply = await workspace.RunAsync("apply", playbook);
        var ansible = await AnsibleFacts.SetupAsync("localhost");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal($"memory {ansible["memtotal_mb"]}\n", File.ReadAllText(workspace.PathOf("memory-a")));
    }

    [Fact]
    public async Task Facts_used_only_in_a_roles_defaults_its_templates_or_an_included_vars_file_are_gathered()
    {
        using var workspace = new Workspace();
        workspace.Write("roles/web/defaults/main.yml", "web_workers: \"{{ ansible_processor_vcpus | default(ansible_processor_count) }}\"\n");
        workspace.Write("roles/web/templates/web.conf.j2", "workers {{ web_workers }} memory {{ ansible_memtotal_mb }}\n");
        workspace.Write("roles/web/tasks/main.yml", """
            - name: config
              template: {src: web.conf.j2, dest: "{{ example_root }}/web.conf"}
            """);
        workspace.Write("roles/kernel/vars/Debian.yml", "kernel_seen: \"{{ ansible_kernel }}\"\n");
        workspace.Write("roles/kernel/tasks/main.yml", """
            - include_vars: "{{ ansible_os_family }}.yml"
            - name: kernel
              copy: {content: "{{ kernel_seen }}\n", dest: "{{ example_root }}/kernel"}
            """);
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              roles: [web]
            - hosts: localhost
              roles: [kernel]
            """);

        var apply = await workspace.RunAsync("apply", playbook);
        var ansible = await AnsibleFacts.SetupAsync("localhost");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal($"workers {ansible["processor_vcpus"]} memory {ansible["memtotal_mb"]}\n", File.ReadAllText(workspace.PathOf("web.conf")));
        Assert.Equal($"{ansible["kernel"]}\n", File.ReadAllText(workspace.PathOf("kernel")));
    }

    [Fact]
    public async Task I_can_gather_facts_again_with_setup_and_keep_only_some()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: gather the user facts
                  setup:
                    gather_subset: ["!all", "!min", user]
                    filter: ["ansible_user_*"]
                  register: gathered
                - name: what was gathered
                  copy:
                    content: "{{ ansible_user_id }} {{ gathered.ansible_facts.user_dir }}\n"
                    dest: "{{ example_root }}/user"
            """);

        var apply = await workspace.RunAsync("apply", playbook);

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.StartsWith(Environment.UserName + " ", File.ReadAllText(workspace.PathOf("user")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_play_without_facts_cannot_use_them_and_says_where()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: no facts here
                  copy:
                    content: "{{ ansible_distribution }}\n"
                    dest: "{{ example_root }}/facts"
            """);

        var validate = await workspace.RunAsync("validate", playbook);

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains($"{playbook}:6:", validate.Stderr, StringComparison.Ordinal);
        Assert.Contains("undefined variable 'ansible_distribution'", validate.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_gather_subset_is_a_located_error()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_subset: [netwrok]
              tasks: []
            """);

        var validate = await workspace.RunAsync("validate", playbook);

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains($"{playbook}:2:", validate.Stderr, StringComparison.Ordinal);
        Assert.Contains("gather_subset: unknown subset 'netwrok'", validate.Stderr, StringComparison.Ordinal);
    }
}
