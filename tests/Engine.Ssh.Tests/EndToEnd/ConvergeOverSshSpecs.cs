using System.Text.Json.Nodes;
using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.EndToEnd;

/// <summary>The real <c>converge</c> command against hosts on the loopback sshd, as a user runs it.</summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class ConvergeOverSshSpecs(SshdFixture sshd)
{
    private static readonly string[] ExpectedFiles = ["etc/app/app.conf", "etc/app/settings.ini", "etc/motd", "initialized", "restarted"];

    [SshdFact]
    public async Task I_can_converge_five_hosts_over_ssh_in_parallel_and_a_rerun_changes_nothing()
    {
        using var workspace = SshWorkspace.Create(sshd.Server, SshdFixture.HostCount);
        var report = Path.Combine(workspace.Directory, "report.json");

        var first = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--report", report));
        var firstReport = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
        var rerun = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--detailed-exitcode", "--report", report));
        var rerunReport = JsonNode.Parse(await File.ReadAllTextAsync(report))!;

        Assert.True(first.ExitCode == 0, first.ToString());
        for (var host = 0; host < SshdFixture.HostCount; host++)
        {
            Assert.Equal(ExpectedFiles, workspace.FilesOf(host).Where(f => !f.StartsWith("state/", StringComparison.Ordinal)));
            Assert.True((int)firstReport["hosts"]![$"host{host + 1}"]!["changed"]! >= SshWorkspace.TasksPerHost - 1, first.ToString());
            Assert.Equal(0, (int)rerunReport["hosts"]![$"host{host + 1}"]!["changed"]!);
        }

        Assert.Equal($"[app]\nname = host3\nport = 8080\n", await File.ReadAllTextAsync(Path.Combine(workspace.HostRoots[2], "etc/app/settings.ini")));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
    }

    [SshdFact]
    public async Task I_can_check_hosts_over_ssh_without_changing_them()
    {
        using var workspace = SshWorkspace.Create(sshd.Server, 3);

        var check = await ConvergeProcess.RunAsync(workspace.Arguments("check", sshd.Server));

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.All(Enumerable.Range(0, 3), host => Assert.Empty(workspace.FilesOf(host)));
        Assert.All(workspace.HostRoots, root => Assert.Empty(Directory.GetDirectories(root)));
    }

    [SshdFact]
    public async Task A_host_with_a_wrong_port_is_unreachable_and_the_others_still_converge()
    {
        var wrongPort = new Dictionary<int, IReadOnlyDictionary<string, object>> { [1] = new Dictionary<string, object> { ["ansible_port"] = 1 } };
        using var workspace = SshWorkspace.Create(sshd.Server, 3, wrongPort);
        var report = Path.Combine(workspace.Directory, "report.json");

        var run = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--report", report));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(report))!;

        Assert.True((run.ExitCode & 8) == 8, run.ToString());
        Assert.True((bool)json["hosts"]!["host2"]!["unreachable"]!);
        var unreachable = json["tasks"]!.AsArray().Single(t => (string?)t!["host"] == "host2" && (string?)t["status"] == "unreachable")!;
        Assert.Contains("connection refused by 127.0.1.2:1", (string?)unreachable["message"]);
        Assert.Empty(workspace.FilesOf(1));
        Assert.Equal(ExpectedFiles, workspace.FilesOf(0).Where(f => !f.StartsWith("state/", StringComparison.Ordinal)));
        Assert.Equal(ExpectedFiles, workspace.FilesOf(2).Where(f => !f.StartsWith("state/", StringComparison.Ordinal)));
    }

    [SshdFact]
    public async Task I_can_log_in_as_an_unprivileged_user_and_become_root_with_a_sudo_password()
    {
        var become = new Dictionary<int, IReadOnlyDictionary<string, object>>
        {
            [0] = new Dictionary<string, object>
            {
                ["ansible_user"] = sshd.Users.PasswordUser,
                ["ansible_become"] = "true",
                ["ansible_become_password"] = sshd.Users.Password,
            },
        };
        using var workspace = SshWorkspace.Create(sshd.Server, 1, become);

        // The host's root folder belongs to root (0755): the login user alone could not write in it.
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(workspace.HostRoots[0]));
        var report = Path.Combine(workspace.Directory, "report.json");

        var run = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--diff", "--verbose", "--report", report));
        var rerun = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--detailed-exitcode"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(ExpectedFiles, workspace.FilesOf(0).Where(f => !f.StartsWith("state/", StringComparison.Ordinal)));
        Assert.DoesNotContain(sshd.Users.Password, run.ToString() + rerun + await File.ReadAllTextAsync(report));
    }
}
