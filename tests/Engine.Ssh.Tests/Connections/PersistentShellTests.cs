using Converge.Core.Connections;
using Converge.Core.Connections.Ssh;
using Converge.Core.Diagnostics;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>The persistent remote shell: one exec channel per host carries everything, and survives what it runs.</summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class PersistentShellTests(SshdFixture sshd)
{
    [SshdFact]
    public async Task Commands_probes_and_files_of_a_host_share_one_session_and_failures_do_not_end_it()
    {
        var before = sshd.Server.LogLength;
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 3);
        var folder = Path.Combine(sshd.Server.HostDirectory(3), "shell-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "file");

        var failed = await connection.RunAsync(CommandSpec.Shell("echo partial; exit 9", CommandKind.Change), CancellationToken.None);
        var exited = await connection.RunAsync(CommandSpec.Shell("exit 0; echo never", CommandKind.Change), CancellationToken.None);
        var input = await connection.RunAsync(CommandSpec.Probe("true") with { StandardInput = "not read by true\n" }, CancellationToken.None);
        var probes = await connection.RunProbesAsync([CommandSpec.Probe("echo", "a"), CommandSpec.Probe("false")], CancellationToken.None);
        await connection.WriteFileAsync(path, "content\n"u8.ToArray(), FileWriteOptions.Default, CancellationToken.None);
        var read = await connection.ReadFileAsync(path, null, CancellationToken.None);
        var stat = await connection.StatAsync(path, null, CancellationToken.None);
        var after = await connection.RunAsync(CommandSpec.Probe("cat", path), CancellationToken.None);

        Assert.Equal(new CommandResult(9, null, "partial\n", string.Empty), failed);
        Assert.Equal(0, exited.ExitCode);
        Assert.True(input.Succeeded);
        Assert.Equal([0, 1], probes.Select(p => p.ExitCode));
        Assert.Equal("content\n"u8.ToArray(), read);
        Assert.Equal(8, stat!.Size);
        Assert.Equal("content\n", after.Stdout);
        Assert.Equal(1, ((SshConnection)connection).ChannelCount);
        Assert.Equal([1], sshd.Server.SessionsSince(before).Values);
    }

    [SshdFact]
    public async Task A_shell_killed_between_commands_is_replaced_by_a_new_one()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 3);
        var sshdPid = await TestConnections.SshdSessionPidAsync(connection);
        var shellPid = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Single(pid => pid > 0 && ParentOf(pid) == sshdPid);

        System.Diagnostics.Process.GetProcessById(shellPid).Kill();
        await Task.Delay(500);
        var next = await connection.RunAsync(CommandSpec.Probe("echo", "still here"), CancellationToken.None);

        Assert.Equal("still here\n", next.Stdout);
        Assert.Equal(2, ((SshConnection)connection).ChannelCount);
    }

    [SshdFact]
    public async Task A_shell_that_dies_under_a_command_fails_that_command_and_the_next_command_gets_a_new_shell()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 3);

        // The command kills its own persistent shell (the parent of its subshell) and then ends too.
        var failure = await Assert.ThrowsAsync<TaskFailedException>(() =>
            connection.RunAsync(CommandSpec.Shell("kill -KILL $(sed -n 's/^PPid:\\t//p' /proc/$PPID/status)", CommandKind.Change), CancellationToken.None));
        var next = await connection.RunAsync(CommandSpec.Probe("echo", "new shell"), CancellationToken.None);

        Assert.Contains("the remote shell on host4 ended while running", failure.Message);
        Assert.Contains("outcome on the host is unknown", failure.Message);
        Assert.Equal("new shell\n", next.Stdout);
        Assert.Equal(2, ((SshConnection)connection).ChannelCount);
    }

    [SshdFact]
    public async Task A_shells_first_request_rides_in_its_exec_request_unless_it_holds_a_secret()
    {
        // The loop's command line (its /proc cmdline, which the host's other users can read) carries the first script
        // when it holds none of the run's secrets; then the loop reads the next request as usual.
        var secret = "hunter2-" + Guid.NewGuid().ToString("N")[..8];
        var redactor = new Converge.Core.Secrets.Redactor();
        redactor.Register(new Converge.Core.Secrets.Secret(secret));
        await using var plain = await TestConnections.OpenAsync(sshd.Server, host: 3);
        await using var guarded = await TestConnections.OpenAsync(sshd.Server, host: 3, options: TestConnections.Options(sshd.Server, redactor));

        var plainFirst = await plain.RunAsync(CommandSpec.Shell("echo first-of-plain; echo warning >&2; exit 3", CommandKind.Probe), CancellationToken.None);
        var guardedFirst = await guarded.RunAsync(CommandSpec.Shell($"[ {secret} = {secret} ] && echo first-of-guarded", CommandKind.Probe), CancellationToken.None);
        var plainLoop = await LoopCommandLineAsync(plain);
        var guardedLoop = await LoopCommandLineAsync(guarded);

        Assert.Equal(new CommandResult(3, null, "first-of-plain\n", "warning\n"), plainFirst);
        Assert.Equal("first-of-guarded\n", guardedFirst.Stdout);
        Assert.Contains("echo first-of-plain", plainLoop);
        Assert.DoesNotContain(secret, guardedLoop);
        Assert.DoesNotContain("first-of-guarded", guardedLoop);
        Assert.Equal(1, ((SshConnection)plain).ChannelCount);
        Assert.Equal(1, ((SshConnection)guarded).ChannelCount);
    }

    /// <summary>The persistent shell's command line: <c>$$</c> in a request's subshell is the loop's pid.</summary>
    private static async Task<string> LoopCommandLineAsync(IConnection connection)
    {
        var pid = (await connection.RunAsync(CommandSpec.Shell("echo $$", CommandKind.Probe), CancellationToken.None)).Stdout.Trim();
        return (await File.ReadAllTextAsync($"/proc/{pid}/cmdline")).Replace('\0', ' ');
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var line = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("PPid:", StringComparison.Ordinal));
            return int.Parse(line[5..].Trim());
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
