using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.EndToEnd;

/// <summary>
/// The per-host run lock over SSH on a host whose PID 1 never reaps orphans (a container started with
/// <c>sleep infinity</c>): the lock goes with the run's connection, so the next run takes it at once. The login is
/// a user's, not root's: only then does sshd split a connection into a monitor and a session process, and the session
/// is what such a host leaves unreaped.
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class RunLockOverSshSpecs(SshdFixture sshd)
{
    private const string Playbook = """
        - hosts: all
          gather_facts: false
          tasks:
            - name: a file
              copy:
                dest: "{{ root }}/file"
                content: "{{ entry }}\n"
        """;

    [SshdFact]
    public async Task Back_to_back_runs_on_a_host_whose_pid_1_never_reaps_each_take_the_lock()
    {
        await using var server = await SshServer.StartAsync(hosts: 1, orphansNeverReaped: true);
        var user = new Dictionary<int, IReadOnlyDictionary<string, object>> { [0] = new Dictionary<string, object> { ["ansible_user"] = sshd.Users.NoPasswordUser } };
        using var workspace = SshWorkspace.Create(server, 1, user, Playbook);
        await workspace.GiveToAsync(sshd.Users.NoPasswordUser);

        foreach (var entry in new[] { "first", "second", "third" })
        {
            var outcome = await ConvergeProcess.RunAsync(workspace.Arguments("apply", server, "-e", "entry=" + entry));

            Assert.True(outcome.ExitCode == 0, entry + " run: " + outcome);
            Assert.Equal(entry + "\n", await File.ReadAllTextAsync(Path.Combine(workspace.HostRoots[0], "file")));
        }

        // The hosts' zombies are real: the sessions of the runs stay behind, unreaped, under the namespace's PID 1.
        Assert.True(ZombieSshdCount() >= 2, "no session process was left unreaped: the test no longer shows a host that never reaps");
    }

    private static int ZombieSshdCount() =>
        Directory.GetDirectories("/proc").Count(d =>
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(d, "stat"));
                return stat.Contains("(sshd) Z", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });
}
