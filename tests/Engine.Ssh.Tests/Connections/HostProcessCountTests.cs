using Converge.Core.Connections;
using Converge.Core.Connections.Ssh;
using Converge.Core.Facts;
using Converge.Modules.Common;
using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// What a request costs the host in programs (issue 14: each exec costs a host 1–2 ms of CPU, most of a first
/// apply's cost on the hosts): counted with strace on the persistent shell of a real sshd session, so a change
/// that adds a program to the loop, a write or a probe batch shows here.
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class HostProcessCountTests(SshdFixture sshd)
{
    [SshdFact]
    public async Task A_write_with_a_mode_execs_dd_chmod_and_mv_and_a_rewrite_adds_chown_only()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);
        var folder = Path.Combine(sshd.Server.HostDirectory(4), "count-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "app.conf");

        await using var trace = await ExecTrace.AttachAsync(await LoopPidAsync(connection));
        await connection.WriteFileAsync(path, "port = 80\n"u8.ToArray(), FileWriteOptions.Default with { Mode = 0b110_100_100 }, CancellationToken.None);
        await connection.WriteFileAsync(path, "port = 81\n"u8.ToArray(), FileWriteOptions.Default with { Mode = 0b110_000_000 }, CancellationToken.None);
        var programs = await trace.StopAsync();

        // The content is read from the shell's own input by dd: no head -c per write.
        Assert.Equal(["chmod", "chmod", "chown", "dd", "dd", "mv", "mv"], programs);
        Assert.Equal("port = 81\n", await File.ReadAllTextAsync(path));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(path));
    }

    [SshdFact]
    public async Task A_new_file_without_a_mode_execs_only_dd_and_mv_and_gets_0644_and_a_rewrite_keeps_the_old_mode()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);
        var folder = Path.Combine(sshd.Server.HostDirectory(4), "count-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "motd");

        await using var trace = await ExecTrace.AttachAsync(await LoopPidAsync(connection));
        await connection.WriteFileAsync(path, "hello\n"u8.ToArray(), FileWriteOptions.Default, CancellationToken.None);
        var created = await trace.StopAsync();
        var mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_000);
        await using var second = await ExecTrace.AttachAsync(await LoopPidAsync(connection));
        await connection.WriteFileAsync(path, "hello again\n"u8.ToArray(), FileWriteOptions.Default, CancellationToken.None);
        var rewritten = await second.StopAsync();

        // Created under umask 022 instead of chmod 644 after it; the rewrite takes the old file's owner and mode.
        Assert.Equal(["dd", "mv"], created);
        Assert.Equal((UnixFileMode)0b110_100_100, mode);
        Assert.Equal(["chmod", "chown", "dd", "mv"], rewritten);
        Assert.Equal("hello again\n", await File.ReadAllTextAsync(path));
        Assert.Equal((UnixFileMode)0b110_100_000, File.GetUnixFileMode(path));
    }

    [SshdFact]
    public async Task A_change_script_of_Converges_own_runs_in_the_loops_subshell_and_a_users_script_keeps_its_own_sh()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);
        var folder = Path.Combine(sshd.Server.HostDirectory(4), "count-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);

        // Named converge-…: set -- ARGS and the script, no sh of its own; `exit` ends only its subshell.
        var own = CommandSpec.Change("/bin/sh", "-c", "mkdir -p -- \"$1/$2\" || exit 1; echo \"$#\"; exit 3", "converge-test", folder, "made");

        // A user's script (no name), and one of Converge's that reads its own pid: each keeps its own sh.
        var user = CommandSpec.Shell("echo user", CommandKind.Change);
        var pid = CommandSpec.Change("/bin/sh", "-c", "echo $$ >/dev/null", "converge-test");

        await using var trace = await ExecTrace.AttachAsync(await LoopPidAsync(connection));
        var ownResult = await connection.RunAsync(own, CancellationToken.None);
        var userResult = await connection.RunAsync(user, CancellationToken.None);
        var pidResult = await connection.RunAsync(pid, CancellationToken.None);
        var next = await connection.RunAsync(CommandSpec.Probe("echo", "next"), CancellationToken.None);
        var programs = await trace.StopAsync();

        Assert.Equal(new CommandResult(3, null, "2\n", string.Empty), ownResult);
        Assert.True(Directory.Exists(Path.Combine(folder, "made")));
        Assert.Equal("user\n", userResult.Stdout);
        Assert.True(pidResult.Succeeded);
        Assert.Equal("next\n", next.Stdout);
        Assert.Equal(["mkdir", "sh", "sh"], programs);
        Assert.Equal(1, ((SshConnection)connection).ChannelCount);
    }

    [SshdFact]
    public async Task Requests_without_input_exec_only_their_own_programs_and_input_is_drained_only_when_left_unread()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);
        var input = string.Concat(Enumerable.Range(0, 1000).Select(i => $"line {i}\n"));

        await using var trace = await ExecTrace.AttachAsync(await LoopPidAsync(connection));
        var probes = await connection.RunProbesAsync([CommandSpec.Probe("echo", "a"), CommandSpec.Probe("false")], CancellationToken.None);
        var uname = await connection.RunAsync(CommandSpec.Probe("uname"), CancellationToken.None);
        var read = await connection.RunAsync(CommandSpec.Probe("wc", "-l") with { StandardInput = input }, CancellationToken.None);
        var unread = await connection.RunAsync(CommandSpec.Probe("true") with { StandardInput = input }, CancellationToken.None);
        var programs = await trace.StopAsync();

        Assert.Equal([0, 1], probes.Select(p => p.ExitCode));
        Assert.Equal("Linux\n", uname.Stdout);
        Assert.Equal("1000\n", read.Stdout);
        Assert.True(unread.Succeeded);

        // echo, false and true are dash's builtins (bash's too); the batch's stderr frames are printed without cat. `true`
        // leaves its input: cat drains it.
        Assert.Equal(["cat", "head", "head", "uname", "wc"], programs);
    }

    [SshdFact]
    public async Task A_script_up_to_4_KB_is_read_without_a_program_and_a_longer_one_with_one_head()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);
        // `true` is a builtin of dash and bash: the request's script is `true xxx…`, which runs no program itself.
        var shortScript = CommandSpec.Probe("true", new string('x', PersistentShellScript.ReadLimit - 10));
        var longScript = CommandSpec.Probe("true", new string('y', PersistentShellScript.ReadLimit + 10));

        await using var trace = await ExecTrace.AttachAsync(await LoopPidAsync(connection));
        var first = await connection.RunAsync(shortScript, CancellationToken.None);
        var shortPrograms = await trace.StopAsync();
        await using var second = await ExecTrace.AttachAsync(await LoopPidAsync(connection));
        var longRun = await connection.RunAsync(longScript, CancellationToken.None);
        var longPrograms = await second.StopAsync();

        Assert.True(first.Succeeded && longRun.Succeeded);
        Assert.Empty(shortPrograms);
        Assert.Equal(["head"], longPrograms);
    }

    [SshdFact]
    public async Task A_prefetch_of_hashed_unhashed_and_followed_file_facts_and_a_creates_guard_execs_one_stat_and_one_sha256sum()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);
        var folder = Path.Combine(sshd.Server.HostDirectory(4), "facts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "conf.d"));
        await File.WriteAllTextAsync(Path.Combine(folder, "app.conf"), "port = 80\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "-times"), "t\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "creates marker"), "m\n");
        FileFact[] facts =
        [
            new(Path.Combine(folder, "app.conf")),
            new(Path.Combine(folder, "-times"), hash: false),
            new(Path.Combine(folder, "conf.d"), follow: true),
            new(Path.Combine(folder, "creates marker"), follow: true, hash: false),
            new(Path.Combine(folder, "absent"), follow: true),
        ];
        var guard = new PathStatFact(Path.Combine(folder, "initialized"));
        var cache = new FactCache(connection);

        await using var trace = await ExecTrace.AttachAsync(await LoopPidAsync(connection));
        await cache.PrefetchAsync([.. facts, guard], CancellationToken.None);
        var programs = await trace.StopAsync();
        var snapshots = new List<FileSnapshot>();
        foreach (var fact in facts)
        {
            snapshots.Add(await cache.GetAsync(fact, CancellationToken.None));
        }

        // Before, each kind (hashed, unhashed, each followed path, the guard) was its own probe: a stat each.
        Assert.Equal(["sha256sum", "stat"], programs);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("port = 80\n"u8)), snapshots[0].Sha256);
        Assert.Equal([FileKind.File, FileKind.File, FileKind.Directory, FileKind.File], snapshots.Take(4).Select(s => s.Stat!.Kind));
        Assert.All(snapshots.Skip(1), s => Assert.Null(s.Sha256));
        Assert.All(snapshots, s => Assert.Null(s.Target));
        Assert.False(snapshots[4].Exists);
        Assert.Null(await cache.GetAsync(guard, CancellationToken.None));
    }

    [SshdFact]
    public async Task One_hosts_first_apply_and_no_op_rerun_of_the_benchmark_playbook_exec_exactly_these_programs()
    {
        // A login user whose ~/.bashrc is Debian's skeleton (it returns at once in a non-interactive shell), as on the
        // benchmark's hosts: root's on a developer's machine may run a version manager's hooks on every login.
        var user = new Dictionary<int, IReadOnlyDictionary<string, object>>
        {
            [0] = new Dictionary<string, object> { ["ansible_user"] = sshd.Users.NoPasswordUser, ["ansible_password"] = sshd.Users.NoPasswordUserPassword },
        };
        using var workspace = SshWorkspace.Create(sshd.Server, 1, user);
        await workspace.GiveToAsync(sshd.Users.NoPasswordUser);

        // Everything the sshd serving host1 and its sessions exec: sshd's own re-exec, the login shell, the loop, and each
        // request's programs. The suite's sshd tests run one at a time, so this run is the only one on it.
        await using var first = await ExecTrace.AttachAsync(sshd.Server.ProcessId);
        var apply = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server));
        await WaitUntilGoneAsync("\0converge-shell\0");
        var applyPrograms = await first.StopAsync();

        // The first run's lock holder exits within 0.1 s of its session; a rerun before then would wait for the lock
        // (a second flock, waiting): not what a no-op costs.
        await WaitUntilGoneAsync("tail\0--pid=");

        await using var second = await ExecTrace.AttachAsync(sshd.Server.ProcessId);
        var rerun = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--detailed-exitcode"));
        await WaitUntilGoneAsync("\0converge-shell\0");
        var rerunPrograms = await second.StopAsync();

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(rerun.ExitCode == 0, rerun.ToString());

        // Before (session 11; sshd besides): bash sh mkdir flock sh tail, sh mkdir chmod (the directory), sh mkdir sync (the handler
        // journal), head chmod dd mv per written file (3), touch touch rm rm; a no-op: bash sh flock sh tail stat sha256sum rm.
        // After: no head -c per write (dd reads the loop's own input), no chmod 644 for the two templates (created under
        // umask 022), no sh for the handler journal (it runs in the loop's subshell). The copy's requested mode and the
        // directory's keep their chmod; no sh for the directory either (the file module names its script converge-file).
        // Session 12: the lock holder is a subshell running tail, not sh running tail. Session 13: no rm of the loop's
        // stderr file at its end (standard error travels on the channel's own stream; the rm left is the playbook's),
        // and no flock or tail: the run lock is a record created exclusively by the shell itself, whose mkdir of the
        // state directory makes the handler journal's folder too (one mkdir less).
        Assert.Equal(Session(["chmod", "chmod", "dd", "dd", "dd", "mkdir", "mkdir", "mv", "mv", "mv", "rm", "sync", "touch", "touch"]), applyPrograms);
        Assert.Equal(Session(["sha256sum", "stat"]), rerunPrograms);
    }

    /// <summary>
    /// Waits (at most 10 s) until no process on this machine has <paramref name="marker"/> in its command line: the
    /// run's persistent shell, which may still be ending after the controller has gone, or the run's lock holder (its tail), which a rerun would otherwise wait for (a second flock). Another test's run
    /// may have one too; the wait is bounded.
    /// </summary>
    private static async Task WaitUntilGoneAsync(string marker)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Runs(marker) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static bool Runs(string marker) =>
        Directory.EnumerateDirectories("/proc").Any(d =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(marker, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });

    /// <summary>
    /// What a session costs before its requests: sshd's re-exec for the connection and the login shell
    /// (bash, which execs the loop's sh), merged into <paramref name="requests"/> and sorted as the trace sorts.
    /// </summary>
    private static List<string> Session(IEnumerable<string> requests)
    {
        List<string> programs = ["bash", "sh", "sshd", .. requests];
        programs.Sort(StringComparer.Ordinal);
        return programs;
    }

    /// <summary>The persistent shell's pid: <c>$$</c> in the subshell a request runs in is the loop's.</summary>
    private static async Task<int> LoopPidAsync(IConnection connection) =>
        int.Parse((await connection.RunAsync(CommandSpec.Shell("echo $$", CommandKind.Probe), CancellationToken.None)).Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
