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
    public Task Back_to_back_runs_on_a_host_whose_pid_1_never_reaps_each_take_the_lock() => BackToBackRunsAsync(processesHidden: false);

    /// <summary>
    /// Where <c>/proc</c> is also mounted <c>hidepid</c>, a user's record names its sshd session (the loop shell's parent:
    /// sshd makes it unreadable to the user while it runs), which such a host leaves a zombie. The zombie has no memory
    /// left to be non-dumpable, so the user can read it, sees <c>Z</c>, and the record is stale.
    /// </summary>
    [SshdFact]
    public Task Back_to_back_runs_where_pid_1_never_reaps_and_proc_hides_processes_each_take_the_lock() => BackToBackRunsAsync(processesHidden: true);

    private async Task BackToBackRunsAsync(bool processesHidden)
    {
        await using var server = await SshServer.StartAsync(hosts: 1, orphansNeverReaped: true, processesHidden: processesHidden);
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

    /// <summary>The file task, after a command that holds each host for longer than a contended lock is waited for (3 s).</summary>
    private const string SlowPlaybook = """
        - hosts: all
          gather_facts: false
          tasks:
            - name: a while
              command: sleep 4
              check_mode: false
              changed_when: false
            - name: a file
              copy:
                dest: "{{ root }}/file"
                content: "{{ entry }}\n"
        """;

    [SshdFact]
    public async Task Two_names_of_one_machine_in_one_run_share_its_lock_in_apply_and_in_check()
    {
        // host1 and host2 are two addresses of this one machine; with one state folder they are one lock.
        var state = Path.Combine(sshd.Server.HostDirectory(0), "shared-state-" + Guid.NewGuid().ToString("N")[..8]);
        var shared = new Dictionary<string, object> { ["converge_state_dir"] = state };
        using var workspace = SshWorkspace.Create(sshd.Server, 2, new Dictionary<int, IReadOnlyDictionary<string, object>> { [0] = shared, [1] = shared }, SlowPlaybook);

        var apply = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "-e", "entry=applied"));
        var check = await ConvergeProcess.RunAsync(workspace.Arguments("check", sshd.Server, "-e", "entry=checked"));

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.All(workspace.HostRoots, root => Assert.Equal("applied\n", File.ReadAllText(Path.Combine(root, "file"))));
        // Check mode writes no record (it changes nothing): both names plan, and both see the drift.
        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.DoesNotContain("another run", check.Stdout + apply.Stdout, StringComparison.Ordinal);
        Assert.All(workspace.HostRoots, root => Assert.Equal("applied\n", File.ReadAllText(Path.Combine(root, "file"))));
    }

    [SshdFact]
    public async Task Of_six_runs_started_at_once_on_one_host_exactly_one_converges_it_and_the_others_and_a_check_name_it()
    {
        // The record of an earlier run is there and stale (its sshd is gone): all six see it and try to create the next
        // one at once; set -C lets exactly one of them. The winner holds the host for 10 s, well past the others' 3 s wait
        // even when this machine is busy (with 4 s, a check started late on a loaded CI machine outlived the winner).
        var state = Path.Combine(sshd.Server.HostDirectory(0), "race-state-" + Guid.NewGuid().ToString("N")[..8]);
        var own = new Dictionary<string, object> { ["converge_state_dir"] = state };
        using var workspace = SshWorkspace.Create(sshd.Server, 1, new Dictionary<int, IReadOnlyDictionary<string, object>> { [0] = own }, SlowPlaybook.Replace("sleep 4", "sleep 10", StringComparison.Ordinal));
        var earlier = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "-e", "entry=earlier"));
        Assert.True(earlier.ExitCode == 0, earlier.ToString());

        var runs = Enumerable.Range(0, 6).Select(async i => (Entry: $"run{i}", Outcome: await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "-e", $"entry=run{i}")))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var check = await ConvergeProcess.RunAsync(workspace.Arguments("check", sshd.Server, "-e", "entry=checked"));
        var ended = await Task.WhenAll(runs);

        var winner = Assert.Single(ended, r => r.Outcome.ExitCode == 0);
        Assert.All(ended.Where(r => r != winner), r => Assert.Contains("host1 is being converged by another run (run ", r.Outcome.Stdout));
        Assert.Contains("host1 is being converged by another run (run ", check.Stdout);
        Assert.Equal(winner.Entry + "\n", File.ReadAllText(Path.Combine(workspace.HostRoots[0], "file")));
        Assert.Equal(["lock.1", "lock.2"], Directory.GetFiles(state, "lock.*").Select(Path.GetFileName).Order());
    }

    [SshdFact]
    public async Task Where_proc_hides_roots_processes_a_users_run_waits_for_roots_and_takes_the_lock_after_it()
    {
        // hidepid=invisible: the user cannot read the /proc entry of root's run's sshd, named in root's record, so
        // kill -0 decides: "Operation not permitted" while it lives, "No such process" once the run has ended. Nor
        // can the user read its own sshd (sshd makes it non-dumpable): its record names the loop shell's parent.
        const string playbook = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: a while
                  command: sleep 4
                  changed_when: false
                - name: a file
                  copy:
                    dest: "{{ root }}/{{ entry }}"
                    content: "{{ entry }}\n"
            """;
        await using var server = await SshServer.StartAsync(hosts: 1, processesHidden: true);
        var login = sshd.Users.NoPasswordUser;
        using var users = SshWorkspace.Create(server, 1, new Dictionary<int, IReadOnlyDictionary<string, object>> { [0] = new Dictionary<string, object> { ["ansible_user"] = login } }, playbook);
        await users.GiveToAsync(login);
        var state = Path.Combine(users.HostRoots[0], "state");
        Directory.CreateDirectory(state);
        File.SetUnixFileMode(state, (UnixFileMode)0b111_111_111);
        var shared = new Dictionary<string, object> { ["converge_state_dir"] = state };
        using var roots = SshWorkspace.Create(server, 1, new Dictionary<int, IReadOnlyDictionary<string, object>> { [0] = shared }, playbook);
        var asUser = users.Arguments("apply", server, "-e", "converge_state_dir=" + state);

        var first = ConvergeProcess.RunAsync(roots.Arguments("apply", server, "-e", "entry=root"));
        await RecordAsync(state, 1);
        var during = await ConvergeProcess.RunAsync([.. asUser, "-e", "entry=during"]);
        var root = await first;

        // The user's run cannot read its own sshd either: its record names its SSH connection, alive while established.
        var after = ConvergeProcess.RunAsync([.. asUser, "-e", "entry=after"]);
        await RecordAsync(state, 2);
        var refused = await ConvergeProcess.RunAsync(roots.Arguments("apply", server, "-e", "entry=refused"));
        var afterOutcome = await after;
        var last = await ConvergeProcess.RunAsync(roots.Arguments("apply", server, "-e", "entry=last"));

        Assert.True(root.ExitCode == 0, root.ToString());
        Assert.Contains("host1 is being converged by another run (run ", during.Stdout);
        Assert.True(afterOutcome.ExitCode == 0, afterOutcome.ToString());
        Assert.Equal("after\n", File.ReadAllText(Path.Combine(users.HostRoots[0], "after")));
        Assert.False(File.Exists(Path.Combine(users.HostRoots[0], "during")));
        Assert.Matches("host1 is being converged by another run \\(run [0-9a-f]+ from .* \\(watching its SSH connection to port [0-9]+ from port [0-9]+ on the host\\)", refused.Stdout);
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.False(File.Exists(Path.Combine(users.HostRoots[0], "refused")));
        Assert.Equal(["lock.1", "lock.2", "lock.3"], Directory.GetFiles(state, "lock.*").Select(Path.GetFileName).Order());
        Assert.StartsWith("tcp:", File.ReadAllText(Path.Combine(state, "lock.2")).Split(' ')[1], StringComparison.Ordinal);
    }

    /// <summary>Waits until the run lock's record <c>lock.N</c> exists and has been written.</summary>
    private static async Task RecordAsync(string state, int n)
    {
        var path = Path.Combine(state, "lock." + n);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(File.Exists(path) && new FileInfo(path).Length > 0))
        {
            Assert.True(DateTime.UtcNow < deadline, path + " never appeared");
            await Task.Delay(50);
        }
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
