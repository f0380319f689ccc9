using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// <c>include_vars</c> (file, a name from variables, <c>name</c>, <c>dir</c>): what a host sees after it, compared with what Ansible 2.14 wrote for the
/// same playbook (<c>IncludeVars/record.sh</c> re-records it); and the names it may set known to validation before the run.
/// </summary>
public sealed class IncludeVarsSpecs
{
    [Fact]
    public async Task Include_vars_reads_what_Ansible_reads_role_vars_first_by_name_and_by_folder_above_play_vars()
    {
        await AnsibleRecording.AssertConvergeWritesTheSameAsync("IncludeVars", "include-vars.recorded.txt", 2);
    }

    [Fact]
    public async Task Names_from_a_vars_file_chosen_by_a_fact_are_known_at_validation_and_a_missing_file_fails_the_task()
    {
        using var workspace = new Workspace();
        workspace.Write("roles/web/vars/Debian.yml", "web_user: www-data\n");
        workspace.Write("roles/web/tasks/main.yml", """
            - include_vars: "{{ ansible_os_family }}.yml"
            - name: uses it
              copy: {dest: "{{ example_root }}/user", content: "{{ web_user }}"}
            - include_vars: nothere.yml
            """);
        var playbook = workspace.Write("site.yml", "- hosts: localhost\n  roles: [web]\n");

        var validated = await workspace.RunAsync("validate", playbook);
        var applied = await workspace.RunAsync("apply", playbook);

        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Equal("www-data", File.ReadAllText(workspace.PathOf("user")));
        Assert.NotEqual(0, applied.ExitCode);
        Assert.Contains("include_vars: 'nothere.yml' not found (looked in ", applied.Stdout + applied.Stderr);
    }
}
