using Converge.Core.Connections;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class SshCommandTests(SshdFixture sshd)
{
    [SshdFact]
    public async Task RunAsync_returns_exit_code_stdout_and_stderr_without_throwing()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server);

        var ok = await connection.RunAsync(CommandSpec.Probe("echo", "hello world", "it's"), CancellationToken.None);
        var failed = await connection.RunAsync(CommandSpec.Shell("echo out; echo err >&2; exit 7", CommandKind.Change), CancellationToken.None);
        var missing = await connection.RunAsync(CommandSpec.Probe("/no/such/program"), CancellationToken.None);

        Assert.Equal(new CommandResult(0, null, "hello world it's\n", string.Empty), ok);
        Assert.Equal(new CommandResult(7, null, "out\n", "err\n"), failed);
        Assert.Equal(127, missing.ExitCode);
    }

    [SshdFact]
    public async Task A_command_killed_by_a_signal_reports_the_signal()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server);

        var result = await connection.RunAsync(CommandSpec.Shell("kill -TERM $$", CommandKind.Change), CancellationToken.None);

        Assert.Null(result.ExitCode);
        Assert.Equal("TERM", result.Signal);
    }

    [SshdFact]
    public async Task Standard_input_working_directory_and_environment_reach_the_command()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server);
        var command = CommandSpec.Shell("pwd; echo \"$GREETING\"; cat", CommandKind.Change) with
        {
            StandardInput = "line one\nline 'two'\n",
            WorkingDirectory = "/tmp",
            Environment = new Dictionary<string, string> { ["GREETING"] = "hi $there" },
        };

        var result = await connection.RunAsync(command, CancellationToken.None);

        Assert.Equal("/tmp\nhi $there\nline one\nline 'two'\n", result.Stdout);
    }

    [SshdFact]
    public async Task A_command_that_reads_input_gets_end_of_file_instead_of_hanging()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server);

        var result = await connection.RunAsync(CommandSpec.Probe("cat"), CancellationToken.None);

        Assert.Equal(new CommandResult(0, null, string.Empty, string.Empty), result);
    }

    [SshdFact]
    public async Task Large_output_arrives_complete()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server);

        var result = await connection.RunAsync(CommandSpec.Shell("seq 1 300000", CommandKind.Probe), CancellationToken.None);

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(300000, lines.Length);
        Assert.Equal("300000", lines[^1]);
    }

    [SshdFact]
    public async Task A_command_past_its_timeout_is_stopped_and_reported()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server);

        var result = await connection.RunAsync(CommandSpec.Probe("sleep", "30") with { Timeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None);
        var after = await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None);

        Assert.Null(result.ExitCode);
        Assert.Contains("timed out", result.Stderr);
        Assert.True(after.Succeeded);
    }

    [SshdFact]
    public async Task RunProbesAsync_batches_probes_into_one_channel_and_keeps_their_results_apart()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server);
        CommandSpec[] probes =
        [
            CommandSpec.Probe("printf", "no newline"),
            CommandSpec.Shell("echo warn >&2; exit 3", CommandKind.Probe),
            CommandSpec.Probe("sh", "-c", "echo $PPID"),
            CommandSpec.Probe("sh", "-c", "echo $PPID"),
            CommandSpec.Shell("exit 0; echo never", CommandKind.Probe),
            CommandSpec.Probe("cat") with { StandardInput = "own input" },
            CommandSpec.Probe("/no/such/probe"),
        ];

        var results = await connection.RunProbesAsync(probes, CancellationToken.None);

        Assert.Equal(new CommandResult(0, null, "no newline", string.Empty), results[0]);
        Assert.Equal(new CommandResult(3, null, string.Empty, "warn\n"), results[1]);
        Assert.Equal(results[2].Stdout, results[3].Stdout);
        Assert.Equal(new CommandResult(0, null, string.Empty, string.Empty), results[4]);
        Assert.Equal("own input", results[5].Stdout);
        Assert.Equal(127, results[6].ExitCode);
    }

    [SshdFact]
    public async Task Probe_scripts_run_in_the_batch_shell_with_their_arguments_and_stay_apart()
    {
        // Probe scripts for /bin/sh -c run in the batch's own shell (no second sh per probe): each still gets its own
        // arguments, its exit ends only itself, its variables do not reach the next one, and a last-line comment
        // cannot swallow the batch's framing.
        await using var connection = await TestConnections.OpenAsync(sshd.Server);
        CommandSpec[] probes =
        [
            CommandSpec.Probe("/bin/sh", "-c", "x=set; printf '%s|' \"$#\" \"$@\"\n# a comment on the last line", "name", "a b", "it's", "", "-n"),
            CommandSpec.Probe("/bin/sh", "-c", "printf '[%s]' \"${x-unset}\" \"$#\"; exit 4", "name"),
            CommandSpec.Probe("/bin/sh", "-c", "echo after"),
        ];

        var batched = await connection.RunProbesAsync(probes, CancellationToken.None);
        var alone = await connection.RunAsync(probes[0], CancellationToken.None);

        Assert.Equal(new CommandResult(0, null, "4|a b|it's||-n|", string.Empty), batched[0]);
        Assert.Equal(new CommandResult(4, null, "[unset][0]", string.Empty), batched[1]);
        Assert.Equal(new CommandResult(0, null, "after\n", string.Empty), batched[2]);
        Assert.Equal(batched[0], alone);
    }

    [SshdFact]
    public async Task Commands_run_in_parallel_on_one_connection()
    {
        // A rendezvous, not a stopwatch: each command announces itself and waits until all eight have,
        // which can only happen when the channels really run at the same time.
        var meeting = Directory.CreateTempSubdirectory("converge-overlap-");
        File.SetUnixFileMode(meeting.FullName, (UnixFileMode)0b111_111_111);
        try
        {
            await using var connection = await TestConnections.OpenAsync(sshd.Server);
            var script = $"touch {meeting.FullName}/$$; n=0; while [ $(ls {meeting.FullName} | wc -l) -lt 8 ] && [ $n -lt 1200 ]; do sleep 0.1; n=$((n+1)); done; ls {meeting.FullName} | wc -l";

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                connection.RunAsync(CommandSpec.Shell(script, CommandKind.Probe), CancellationToken.None)));

            Assert.All(results, r => Assert.Equal("8", r.Stdout.Trim()));
        }
        finally
        {
            meeting.Delete(recursive: true);
        }
    }
}
