using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

public sealed class RoleSpecs
{
    [Fact]
    public async Task I_can_apply_a_playbook_built_from_roles_blocks_and_imports_with_Ansibles_precedence()
    {
        using var workspace = new Workspace();
        workspace.Write("roles/common/defaults/main.yml", "motd: from-role-defaults\nport: 1\n");
        workspace.Write("roles/web/meta/main.yml", "dependencies:\n  - common\n");
        workspace.Write("roles/web/defaults/main.yml", "tier: from-role-defaults\n");
        workspace.Write("roles/web/vars/main.yml", "colour: from-role-vars\n");
        workspace.Write("roles/common/tasks/main.yml", """
            - name: motd
              ansible.builtin.copy: dest={{ example_root }}/motd content={{ motd }}
            """);
        workspace.Write("roles/web/tasks/main.yml", """
            - import_tasks: site.yml
            """);
        workspace.Write("roles/web/tasks/site.yml", """
            - block:
                - name: colour
                  copy:
                    dest: "{{ example_root }}/colour"
                    content: "{{ colour }} {{ tier }} {{ port }} {{ scoped }}"
              vars:
                scoped: from-block
            """);
        workspace.Write("group_vars/all.yml", "port: from-playbook-group-vars\n");
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              vars:
                colour: from-play-vars
                tier: from-play-vars
              roles:
                - web
            """);

        var first = await workspace.RunAsync("apply", playbook);
        var second = await workspace.RunAsync("apply", playbook);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("changed: [localhost] colour", first.Stdout);
        Assert.Equal("from-role-defaults", File.ReadAllText(workspace.PathOf("motd")));
        Assert.Equal("from-role-vars from-play-vars from-playbook-group-vars from-block", File.ReadAllText(workspace.PathOf("colour")));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("changed:", second.Stdout);
    }

    [Fact]
    public async Task A_roles_relative_src_is_looked_up_in_its_templates_and_files_before_the_playbooks_as_in_Ansible()
    {
        // Ansible 2.14 (ansible-playbook on the same layout) writes "role motd", "role payload" and "playbook motd":
        // inside a role the role's templates/ and files/ come first, outside it the playbook's.
        using var workspace = new Workspace();
        workspace.Write("roles/web/templates/motd.j2", "role {{ what }}");
        workspace.Write("roles/web/files/payload", "role payload");
        workspace.Write("templates/motd.j2", "playbook {{ what }}");
        workspace.Write("files/payload", "playbook payload");
        workspace.Write("roles/web/tasks/main.yml", """
            - name: role motd
              template: {src: motd.j2, dest: "{{ example_root }}/role-motd"}
            - name: role payload
              copy: {src: payload, dest: "{{ example_root }}/role-payload"}
            """);
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              vars: {what: motd}
              roles: [web]
              tasks:
                - name: playbook motd
                  template: {src: motd.j2, dest: "{{ example_root }}/playbook-motd"}
            """);

        var validated = await workspace.RunAsync("validate", playbook);
        var applied = await workspace.RunAsync("apply", playbook);

        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("role motd", File.ReadAllText(workspace.PathOf("role-motd")));
        Assert.Equal("role payload", File.ReadAllText(workspace.PathOf("role-payload")));
        Assert.Equal("playbook motd", File.ReadAllText(workspace.PathOf("playbook-motd")));
    }

    [Fact]
    public async Task Every_mistake_in_roles_is_located_reported_at_once_and_nothing_is_contacted()
    {
        using var workspace = new Workspace();
        var meta = workspace.Write("roles/odd/meta/main.yml", "galaxy_info: {}\ndependecies: []\n");
        workspace.Write("roles/odd/tasks/main.yml", "- command: /bin/true\n");
        workspace.Write("roles/empty/defaults/main.yml", "x: 1\n");
        workspace.Write("roles/a/meta/main.yml", "dependencies: [b]\n");
        workspace.Write("roles/a/tasks/main.yml", "- command: /bin/true\n");
        var cycle = workspace.Write("roles/b/meta/main.yml", "dependencies: [a]\n");
        workspace.Write("roles/b/tasks/main.yml", "- command: /bin/true\n");
        var include = workspace.Write("roles/c/tasks/main.yml", "- include_tasks: gone.yml\n- import_tasks: nothere.yml\n");
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              roles:
                - odd
                - empty
                - nowhere
                - a
                - c
              tasks:
                - name: would write
                  copy: {dest: "{{ example_root }}/x", content: x}
            """);
        var before = workspace.Snapshot();

        var outcome = await workspace.RunAsync("apply", playbook);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains($"{meta}:2:1: error: unknown key 'dependecies' in a role's meta/main.yml; did you mean 'dependencies'?", outcome.Stderr);
        Assert.Contains($"{playbook}:4:7: error: role 'empty' has no tasks/main.yml", outcome.Stderr);
        Assert.Contains($"{playbook}:5:7: error: role 'nowhere' not found; looked in ", outcome.Stderr);
        Assert.Contains($"{cycle}:1:", outcome.Stderr);
        Assert.Contains("role 'a' depends on itself: a → b → a", outcome.Stderr);
        Assert.Contains($"{include}:1:18: error: include_tasks: 'gone.yml' does not exist", outcome.Stderr);
        Assert.Contains($"{include}:2:17: error: import_tasks: 'nothere.yml' does not exist", outcome.Stderr);
        Assert.Equal(6, outcome.Stderr.Split('\n').Count(l => l.Contains(": error: ", StringComparison.Ordinal)));
        Assert.DoesNotContain("would write", outcome.Stdout);
        Assert.Equal(before, workspace.Snapshot());
    }
}
