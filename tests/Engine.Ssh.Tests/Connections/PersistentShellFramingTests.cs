using System.Text;
using Converge.Core.Connections;
using Converge.Core.Connections.Ssh;
using Converge.Core.Diagnostics;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// The persistent shell's framing (<see cref="PersistentShellScript"/>): the script is read with the builtin
/// <c>read</c> up to the shell's token line, its input is drained only when it left some, and a write's content
/// is followed by an end line read back in place of a <c>stat</c>. Each test sends what could break that framing
/// through a real sshd to the login user's real shell, and then checks the next request still lands in step.
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class PersistentShellFramingTests(SshdFixture sshd)
{
    [SshdFact]
    public async Task A_script_that_reads_none_or_part_of_its_input_leaves_the_next_request_in_step()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);
        var lines = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i} echo injected\n"));
        var oneLine = new string('z', 300_000);

        var none = await connection.RunAsync(CommandSpec.Shell("echo none", CommandKind.Change) with { StandardInput = lines }, CancellationToken.None);
        var part = await connection.RunAsync(CommandSpec.Shell("head -n 1", CommandKind.Change) with { StandardInput = lines }, CancellationToken.None);
        var noBreak = await connection.RunAsync(CommandSpec.Shell("exit 4", CommandKind.Change) with { StandardInput = oneLine }, CancellationToken.None);
        var all = await connection.RunAsync(CommandSpec.Shell("wc -l", CommandKind.Change) with { StandardInput = lines }, CancellationToken.None);
        var next = await connection.RunAsync(CommandSpec.Probe("echo", "next"), CancellationToken.None);

        Assert.Equal(new CommandResult(0, null, "none\n", string.Empty), none);
        Assert.Equal("line 0 echo injected\n", part.Stdout);
        Assert.Equal(4, noBreak.ExitCode);
        Assert.Equal("20000\n", all.Stdout);
        Assert.Equal(new CommandResult(0, null, "next\n", string.Empty), next);
        Assert.Equal(1, ((SshConnection)connection).ChannelCount);
    }

    [SshdFact]
    public async Task A_script_with_lines_like_a_terminator_runs_whole_a_short_one_holding_the_shells_token_is_refused_and_a_long_one_is_read_by_its_length()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);

        // $$ is the loop's pid in its subshells; the shell's token is one of its arguments.
        var token = (await connection.RunAsync(CommandSpec.Shell("tr '\\0' '\\n' < /proc/$$/cmdline | grep -x 'converge-shell-[0-9a-f]*'", CommandKind.Probe), CancellationToken.None)).Stdout.Trim();
        var lookalikes = $"converge-shell-{new string('0', 32)}\n{token}x\n {token}\n{token[..^1]}\n";
        var whole = await connection.RunAsync(CommandSpec.Shell($"cat <<'EOF'\n{lookalikes}EOF", CommandKind.Probe), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<TaskFailedException>(() =>
            connection.RunAsync(CommandSpec.Shell($"cat <<'EOF'\n{token}\nEOF", CommandKind.Probe), CancellationToken.None));
        var filler = string.Concat(Enumerable.Range(0, 400).Select(i => $"filler line {i}\n"));
        var longText = $"{token}\n{filler}{token}\n";
        var longScript = await connection.RunAsync(CommandSpec.Shell($"cat <<'EOF'\n{longText}EOF", CommandKind.Probe), CancellationToken.None);
        var next = await connection.RunAsync(CommandSpec.Probe("echo", "next"), CancellationToken.None);

        Assert.StartsWith("converge-shell-", token, StringComparison.Ordinal);
        Assert.Equal(lookalikes, whole.Stdout);
        Assert.Contains("framing token", refused.Message, StringComparison.Ordinal);
        Assert.True(longText.Length > PersistentShellScript.ReadLimit);
        Assert.Equal(longText, longScript.Stdout);
        Assert.Equal("next\n", next.Stdout);
        Assert.Equal(1, ((SshConnection)connection).ChannelCount);
    }

    [SshdFact]
    public async Task Standard_error_comes_back_byte_for_byte_whether_short_long_or_without_a_last_line_break()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);
        var script = "i=0; while [ $i -lt N ]; do printf ' line\\\\%s \\n' $i >&2; i=$((i+1)); done; printf 'tail' >&2";

        var results = new List<CommandResult>();
        // 20,000 lines (~250 KB, many SSH packets): standard error travels on the channel's own stream.
        int[] counts = [0, 3, 63, 64, 65, 500, 20_000];
        foreach (var lines in counts)
        {
            results.Add(await connection.RunAsync(CommandSpec.Shell(script.Replace("N", lines.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), CommandKind.Probe), CancellationToken.None));
        }

        Assert.Equal(
            counts.Select(n => string.Concat(Enumerable.Range(0, n).Select(i => $" line\\{i} \n")) + "tail"),
            results.Select(r => r.Stderr));
    }

    [SshdFact]
    public async Task A_user_writes_and_rewrites_its_own_file_whose_mode_forbids_the_owner_to_write()
    {
        // The temp file gets its final mode before the content goes in, through the descriptor opened at 0600.
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4, user: sshd.Users.NoPasswordUser);
        var folder = Folder("read-only");
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        var path = Path.Combine(folder, "file");

        await connection.WriteFileAsync(path, "first\n"u8.ToArray(), FileWriteOptions.Default with { Mode = 0b100_100_100 }, CancellationToken.None);
        await connection.WriteFileAsync(path, "second\n"u8.ToArray(), FileWriteOptions.Default, CancellationToken.None);

        Assert.Equal("second\n", await File.ReadAllTextAsync(path));
        Assert.Equal((UnixFileMode)0b100_100_100, File.GetUnixFileMode(path));
        Assert.Equal(sshd.Users.NoPasswordUser, (await RunAsync("stat", "-c", "%U", path)).Trim());
    }

    [SshdFact]
    public async Task A_write_whose_end_line_is_not_where_the_content_ends_fails_and_leaves_the_target_and_the_shell_as_they_were()
    {
        var (folder, target) = await OldTargetAsync("end-line");
        using var client = RawClient();
        using var shell = PersistentShell.Start(client);
        var end = RemoteFileScripts.EndOfContent;
        var content = Encoding.ASCII.GetBytes(new string('x', 100_000));
        var script = RemoteFileScripts.Write(target, content.Length, FileWriteOptions.Default, "test1", DateTime.UtcNow);

        // The content one byte short and the end line right after it, as many bytes as announced to the loop: dd takes the end
        // line's first byte as the content's last, so the line read back is not the end line.
        var failed = await shell.RunAsync(script, content.Length - 1 + end.Length, async (input, ct) =>
        {
            await input.WriteAsync(content.AsMemory(1), ct);
            await input.WriteAsync(end, ct);
        }, null, CancellationToken.None);
        var next = await shell.RunAsync("echo next", 0, null, null, CancellationToken.None);

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("is unchanged", failed.Stderr, StringComparison.Ordinal);
        Assert.Equal("the old content\n", await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.GetFiles(folder));
        Assert.Equal("next\n"u8.ToArray(), next.Stdout);
    }

    [SshdFact]
    public async Task A_failed_write_on_the_loops_own_input_is_replied_to_and_then_the_loop_exits_before_reading_what_is_left()
    {
        var (folder, target) = await OldTargetAsync("direct");
        var marker = Path.Combine(folder, "injected");
        var end = RemoteFileScripts.EndOfContent;
        using var client = RawClient();

        // Nothing read: the temp file's directory does not exist. The content is lines that the loop would run (with the
        // next request's token line after them) if it went on reading.
        using var unread = PersistentShell.Start(client);
        var lines = Encoding.ASCII.GetBytes($"0\ntouch {marker}\n");
        var missing = Path.Combine(folder, "no", "file");
        var script = RemoteFileScripts.Write(missing, lines.Length, FileWriteOptions.Default, "test4", DateTime.UtcNow);
        var failed = await unread.RunAsync(script, lines.Length + end.Length, async (input, ct) =>
        {
            await input.WriteAsync(lines, ct);
            await input.WriteAsync(end, ct);
        }, null, direct: true, CancellationToken.None);
        var retired = unread.HasEnded;
        var next = await Assert.ThrowsAsync<PersistentShellEndedException>(() =>
            unread.RunAsync("echo next", 0, null, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        // All read but the end line is not in place (the content one byte short): the script reads it and fails.
        using var misplaced = PersistentShell.Start(client);
        var content = Encoding.ASCII.GetBytes(new string('x', 100_000));
        var rewrite = RemoteFileScripts.Write(target, content.Length, FileWriteOptions.Default, "test5", DateTime.UtcNow);
        var mismatch = await misplaced.RunAsync(rewrite, content.Length - 1 + end.Length, async (input, ct) =>
        {
            await input.WriteAsync(content.AsMemory(1), ct);
            await input.WriteAsync(end, ct);
        }, null, direct: true, CancellationToken.None);

        // dash ends a script whose `exec` redirection fails with 2.
        Assert.Equal(2, failed.ExitCode);
        Assert.Matches("Directory nonexistent|No such file or directory", failed.Stderr);
        Assert.True(retired);
        Assert.NotNull(next);
        Assert.False(File.Exists(marker));
        Assert.Equal(1, mismatch.ExitCode);
        Assert.Contains("is unchanged", mismatch.Stderr, StringComparison.Ordinal);
        Assert.True(misplaced.HasEnded);
        Assert.Equal("the old content\n", await File.ReadAllTextAsync(target));
        await WaitForAsync(() => Directory.GetFiles(folder).Length == 1);
        Assert.Equal([target], Directory.GetFiles(folder));
    }

    [SshdFact]
    public async Task A_write_whose_content_ends_short_of_its_length_ends_the_shell_and_leaves_the_target_and_no_temp_file()
    {
        var (folder, target) = await OldTargetAsync("short");
        using var client = RawClient();
        using var shell = PersistentShell.Start(client);
        var script = RemoteFileScripts.Write(target, 200_000, FileWriteOptions.Default, "test2", DateTime.UtcNow);

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => shell.RunAsync(
            script,
            200_000 + RemoteFileScripts.EndOfContent.Length,
            (input, ct) => input.WriteAsync(new byte[150_000], ct).AsTask(),
            null,
            CancellationToken.None));

        Assert.Contains("short", failure.Message, StringComparison.Ordinal);
        await WaitForAsync(() => shell.HasEnded && Directory.GetFiles(folder).Length == 1);
        Assert.Equal("the old content\n", await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.GetFiles(folder));
    }

    [SshdFact]
    public async Task A_write_whose_source_fails_midway_ends_the_shell_and_leaves_the_target_and_no_temp_file()
    {
        var (folder, target) = await OldTargetAsync("source-fails");
        using var client = RawClient();
        using var shell = PersistentShell.Start(client);
        var script = RemoteFileScripts.Write(target, 200_000, FileWriteOptions.Default, "test6", DateTime.UtcNow);

        // Past PersistentShell.InlineInputLimit the content is streamed: the request is out before the source fails.
        var failure = await Assert.ThrowsAsync<IOException>(() => shell.RunAsync(
            script,
            200_000 + RemoteFileScripts.EndOfContent.Length,
            async (input, ct) =>
            {
                await input.WriteAsync(new byte[100_000], ct);
                throw new IOException("the local file cannot be read");
            },
            null,
            direct: true,
            CancellationToken.None));

        Assert.Equal("the local file cannot be read", failure.Message);
        await WaitForAsync(() => shell.HasEnded && Directory.GetFiles(folder).Length == 1);
        Assert.True(shell.HasEnded);
        Assert.Equal("the old content\n", await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.GetFiles(folder));
    }

    [SshdFact]
    public async Task A_small_write_whose_content_ends_short_fails_before_anything_is_sent_and_the_shell_stays_usable()
    {
        var (folder, target) = await OldTargetAsync("short-small");
        using var client = RawClient();
        using var shell = PersistentShell.Start(client);
        var script = RemoteFileScripts.Write(target, 2_000, FileWriteOptions.Default, "test3", DateTime.UtcNow);

        // Up to PersistentShell.InlineInputLimit the content is gathered before the request goes out, in one write.
        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => shell.RunAsync(
            script,
            2_000 + RemoteFileScripts.EndOfContent.Length,
            (input, ct) => input.WriteAsync(new byte[1_500], ct).AsTask(),
            null,
            CancellationToken.None));
        var next = await shell.RunAsync("echo next", 0, null, null, CancellationToken.None);

        Assert.Contains("short", failure.Message, StringComparison.Ordinal);
        Assert.False(shell.HasEnded);
        Assert.Equal("next\n"u8.ToArray(), next.Stdout);
        Assert.Equal("the old content\n", await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.GetFiles(folder));
    }

    [SshdFact]
    public async Task A_reply_whose_sink_fails_ends_that_shell_with_the_sinks_error_and_leaves_the_connection_usable()
    {
        using var client = RawClient();
        using var shell = PersistentShell.Start(client);

        // The sink is written on SSH.NET's session thread: its failure must end this shell, not the connection.
        var failure = await Assert.ThrowsAsync<PersistentShellEndedException>(() => shell.RunAsync(
            "head -c 300000 /dev/zero", 0, null, new FailingSink(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        using var next = PersistentShell.Start(client);
        var reply = await next.RunAsync("echo still here", 0, null, null, CancellationToken.None);

        Assert.Contains("No space left on device", failure.Message, StringComparison.Ordinal);
        Assert.True(shell.HasEnded);
        Assert.True(client.IsConnected);
        Assert.Equal("still here\n"u8.ToArray(), reply.Stdout);
    }

    private Renci.SshNet.SshClient RawClient()
    {
        var client = new Renci.SshNet.SshClient(sshd.Server.Addresses[4], sshd.Server.Port, "root", new Renci.SshNet.PrivateKeyFile(sshd.Server.ClientKeyFile));
        client.Connect();
        return client;
    }

    /// <summary>A fresh folder holding one file, <c>file</c>, with old content that a failed write must leave.</summary>
    private async Task<(string Folder, string Target)> OldTargetAsync(string name)
    {
        var folder = Folder(name);
        var target = Path.Combine(folder, "file");
        await File.WriteAllTextAsync(target, "the old content\n");
        return (folder, target);
    }

    private string Folder(string name)
    {
        var path = Path.Combine(sshd.Server.HostDirectory(4), name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private sealed class FailingSink : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device");

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");
    }
}
