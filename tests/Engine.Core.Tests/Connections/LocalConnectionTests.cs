using Converge.Core.Connections;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Connections;

public sealed class LocalConnectionTests : IAsyncDisposable
{
    private readonly LocalConnection _connection = new("localhost");

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    [Fact]
    public async Task A_failing_command_is_a_result_not_an_exception()
    {
        var result = await _connection.RunAsync(CommandSpec.Probe("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), default);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err", result.StderrTail());
    }

    [Fact]
    public async Task A_missing_program_exits_127()
    {
        var result = await _connection.RunAsync(CommandSpec.Probe("/nonexistent/tool"), default);

        Assert.Equal(127, result.ExitCode);
    }

    [Fact]
    public async Task A_program_still_open_for_writing_for_a_moment_runs_once_it_is_closed()
    {
        using var dir = new TempDirectory();
        var script = dir.Write("run.sh", string.Empty);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Held open for writing, as a child forked by another thread holds a script just written until it executes:
        // executing it fails with "text file busy" until the writer closes it.
        var writer = new FileStream(script, FileMode.Open, FileAccess.Write);
        writer.Write("#!/bin/sh\necho ran\n"u8);
        writer.Flush();
        var closing = Task.Run(async () =>
        {
            await Task.Delay(150);
            await writer.DisposeAsync();
        });

        var result = await _connection.RunAsync(CommandSpec.Probe(script), default);
        await closing;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ran\n", result.Stdout);
    }

    [Fact]
    public async Task A_program_that_stays_busy_exits_127_saying_so()
    {
        using var dir = new TempDirectory();
        var script = dir.Write("run.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var writer = new FileStream(script, FileMode.Open, FileAccess.Write);

        var result = await _connection.RunAsync(CommandSpec.Probe(script), default);

        Assert.Equal(127, result.ExitCode);
        Assert.True(result.StderrTail().Contains("busy", StringComparison.OrdinalIgnoreCase), result.Stderr);
    }

    [Fact]
    public async Task A_write_is_atomic_keeps_the_mode_and_leaves_no_temp_file()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("config", "old\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await _connection.WriteFileAsync(file, "new\n"u8.ToArray(), FileWriteOptions.Default, default);

        Assert.Equal("new\n", await File.ReadAllTextAsync(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(["config"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        var stat = await _connection.StatAsync(file, null, default);
        Assert.Equal("0600", stat!.ModeOctal);
    }

    [Fact]
    public async Task Become_runs_as_the_user_and_a_password_sudo_does_not_ask_for_never_reaches_the_command()
    {
        Assert.True(Environment.UserName == "root", "this test runs as root (CI does), so sudo does not ask root for a password");
        var become = new Become("nobody", new Secrets.Secret("hunter2-not-for-the-command"));

        var who = await _connection.RunAsync(CommandSpec.Probe("id", "-un") with { Become = become }, default);
        var input = await _connection.RunAsync(CommandSpec.Probe("cat") with { Become = become, StandardInput = "own input" }, default);

        Assert.Equal("nobody\n", who.Stdout);
        Assert.Equal("own input", input.Stdout);
        Assert.DoesNotContain("hunter2", input.Stdout + input.Stderr + who.Stderr);
    }

    [Fact]
    public async Task Stdin_reaches_the_command()
    {
        var result = await _connection.RunAsync(CommandSpec.Probe("cat") with { StandardInput = "hello" }, default);

        Assert.Equal("hello", result.Stdout);
    }
}
