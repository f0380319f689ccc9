using System.Text.Json.Nodes;
using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.EndToEnd;

/// <summary>
/// One session (exec channel: the persistent remote shell) per host per run, counted as sshd sees it: the
/// sessions it starts on each connection. The runner also reads the facts of a host's checks in one probe batch.
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class BatchedChecksOverSshSpecs(SshdFixture sshd)
{
    [SshdFact]
    public async Task A_first_apply_a_no_op_rerun_and_a_check_each_open_one_session_per_host()
    {
        using var workspace = SshWorkspace.Create(sshd.Server, 3);
        var beforeFirst = sshd.Server.LogLength;
        var first = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server));
        var firstSessions = sshd.Server.SessionsSince(beforeFirst);
        Assert.True(first.ExitCode == 0, first.ToString());

        var beforeRerun = sshd.Server.LogLength;
        var rerun = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--detailed-exitcode"));
        var rerunSessions = sshd.Server.SessionsSince(beforeRerun);
        var beforeCheck = sshd.Server.LogLength;
        var check = await ConvergeProcess.RunAsync(workspace.Arguments("check", sshd.Server));
        var checkSessions = sshd.Server.SessionsSince(beforeCheck);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.True(check.ExitCode == 0, check.ToString());

        // Five tasks and a handler per host. The first apply's probes, changes, file writes and the handler all go
        // through the one shell; the rerun reads the journal, four file facts and the guard's stat in one batch.
        Assert.Equal([1, 1, 1], firstSessions.Values);
        Assert.Equal([1, 1, 1], rerunSessions.Values);
        Assert.Equal([1, 1, 1], checkSessions.Values);
    }

    [SshdFact]
    public async Task A_change_made_by_an_earlier_task_is_seen_by_a_later_task_after_the_batch()
    {
        const string playbook = """
            - hosts: all
              tasks:
                - name: Something edits the config behind copy's back
                  shell: "echo tampered > {{ root }}/app.conf"
                - name: Config as desired
                  copy:
                    content: "wanted\n"
                    dest: "{{ root }}/app.conf"
            """;
        using var workspace = SshWorkspace.Create(sshd.Server, 2, playbook: playbook);
        var report = Path.Combine(workspace.Directory, "report.json");
        var first = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server));
        Assert.True(first.ExitCode == 0, first.ToString());

        var beforeRerun = sshd.Server.LogLength;
        var rerun = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--report", report));
        var sessions = sshd.Server.SessionsSince(beforeRerun);
        var tasks = JsonNode.Parse(await File.ReadAllTextAsync(report))!["tasks"]!.AsArray();

        // The rerun's first batch saw the config as desired; the shell task then changed it, which must drop that fact.
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.All(workspace.HostRoots, root => Assert.Equal("wanted\n", File.ReadAllText(Path.Combine(root, "app.conf"))));
        Assert.Equal(2, tasks.Count(t => (string?)t!["task"] == "Config as desired" && (string?)t["status"] == "changed"));

        // Per host one shell carries the first batch, the shell command, the copy's fresh fact, its diff read and its write.
        Assert.Equal([1, 1], sessions.Values);
    }
}
