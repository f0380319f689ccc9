using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.EndToEnd;

/// <summary>
/// <c>meta: reset_connection</c> (geerlingguy.docker's docker-users.yml, after adding the login user to a group): the
/// host's next tasks run on a new SSH login, which is what makes a new group membership visible; counted from sshd's
/// log: two connections per host, each with its one persistent shell.
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class ResetConnectionOverSshSpecs(SshdFixture sshd)
{
    private const string Playbook = """
        - name: Reset the connection
          hosts: all
          gather_facts: false
          tasks:
            - name: Before
              copy:
                dest: "{{ root }}/before"
                content: "before\n"
            - name: Reset connection so that group changes take effect.
              meta: reset_connection
            - name: After, on a new login
              copy:
                dest: "{{ root }}/after"
                content: "after\n"
        """;

    [SshdFact]
    public async Task The_tasks_after_a_reset_run_on_a_second_login_of_each_host()
    {
        using var workspace = SshWorkspace.Create(sshd.Server, 2, playbook: Playbook);

        var before = sshd.Server.LogLength;
        var outcome = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server));
        var sessions = sshd.Server.SessionsSince(before);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.All(workspace.HostRoots, root => Assert.True(File.Exists(Path.Combine(root, "after")), outcome.ToString()));
        // Per connection (sshd's log keys sessions by the client's port): two logins per host, one session on each.
        Assert.Equal([1, 1, 1, 1], sessions.Values);
    }
}
