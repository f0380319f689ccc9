using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.EndToEnd;

/// <summary>
/// Roles, blocks with rescue and always, static imports, handler flush points and gathered facts keep Converge's
/// edge: a no-op rerun still opens one session (exec channel: the persistent shell) per host, counted from sshd's log.
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class StructuredPlaybookOverSshSpecs(SshdFixture sshd)
{
    private const string Playbook = """
        - name: Structured playbook over SSH
          hosts: all
          gather_facts: true
          pre_tasks:
            - name: Base directory
              file:
                path: "{{ root }}/srv"
                state: directory
          roles:
            - app
          tasks:
            - import_tasks: extra.yml
            - name: A block with rescue and always
              block:
                - name: Data directory
                  file:
                    path: "{{ root }}/srv/data"
                    state: directory
              rescue:
                - name: Never needed
                  debug:
                    msg: rescued
              always:
                - name: Host name from the gathered facts
                  copy:
                    dest: "{{ root }}/srv/hostname"
                    content: "{{ ansible_facts.hostname }}\n"
        """;

    [SshdFact]
    public async Task A_no_op_rerun_of_a_playbook_with_roles_blocks_imports_and_facts_opens_one_session_per_host()
    {
        using var workspace = SshWorkspace.Create(sshd.Server, 2, playbook: Playbook);
        Write(workspace, "roles/app/defaults/main.yml", "app_name: demo\n");
        Write(workspace, "roles/app/handlers/main.yml", "- name: restart app\n  command:\n    cmd: touch restarted\n    chdir: \"{{ root }}\"\n");
        Write(workspace, "roles/app/tasks/main.yml", """
            - name: App config
              copy:
                dest: "{{ root }}/srv/app.conf"
                content: "name = {{ app_name }}\n"
              notify: restart app
            """);
        Write(workspace, "extra.yml", """
            - name: Imported task
              copy:
                dest: "{{ root }}/srv/extra"
                content: "extra\n"
            """);

        var first = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server));
        var beforeRerun = sshd.Server.LogLength;
        var rerun = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--detailed-exitcode"));
        var sessions = sshd.Server.SessionsSince(beforeRerun);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.All(workspace.HostRoots, root => Assert.True(File.Exists(Path.Combine(root, "restarted")), first.ToString()));
        Assert.All(workspace.HostRoots, root => Assert.Equal(Environment.MachineName.Split('.')[0] + "\n", File.ReadAllText(Path.Combine(root, "srv", "hostname"))));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.DoesNotContain("changed:", rerun.Stdout);
        Assert.Equal([1, 1], sessions.Values);
    }

    private static void Write(SshWorkspace workspace, string relative, string content)
    {
        var path = Path.Combine(workspace.Directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
