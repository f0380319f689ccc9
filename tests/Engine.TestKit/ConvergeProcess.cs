using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Converge.TestKit;

/// <summary>
/// Runs the real <c>converge</c> entry point as a child process (the <c>converge.dll</c> built beside the
/// tests, or the executable <c>CONVERGE_TEST_BINARY</c> names: <c>tests/run.sh</c> points it at the native build it
/// publishes, so the suites run what users install), the way a user runs it: its exit code, standard output and
/// standard error.
/// </summary>
public static class ConvergeProcess
{
    public static string EntryPoint => Environment.GetEnvironmentVariable("CONVERGE_TEST_BINARY") is { Length: > 0 } binary
        ? binary
        : Path.Combine(AppContext.BaseDirectory, "converge.dll");

    /// <summary>The program and leading arguments that start converge: <c>dotnet converge.dll</c>, or the native executable.</summary>
    public static IReadOnlyList<string> Command => EntryPoint.EndsWith(".dll", StringComparison.Ordinal) ? ["dotnet", EntryPoint] : [EntryPoint];

    public static async Task<ConvergeOutcome> RunAsync(IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken ct = default)
    {
        var command = Wrap(arguments)
            .WithWorkingDirectory(workingDirectory ?? Directory.GetCurrentDirectory())
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>());
        var result = await command.ExecuteBufferedAsync(Encoding.UTF8, ct);
        return new ConvergeOutcome(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>
    /// Runs converge like <see cref="RunAsync(IEnumerable{string}, string?, IReadOnlyDictionary{string, string?}?, CancellationToken)"/>,
    /// but a run still going after <paramref name="limit"/> is killed and reported with what it printed so far
    /// (and what <paramref name="postMortem"/> finds), instead of a bare cancellation that loses its output.
    /// </summary>
    public static async Task<ConvergeOutcome> RunWithinAsync(IEnumerable<string> arguments, TimeSpan limit, Func<Task<string>> postMortem)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var timeout = new CancellationTokenSource(limit);
        var command = Wrap(arguments)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr, Encoding.UTF8));
        try
        {
            var result = await command.ExecuteAsync(timeout.Token);
            return new ConvergeOutcome(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Looked at after the kill, so the report shows what the run left behind, not what it was doing.
            throw new TimeoutException(
                $"converge {string.Join(' ', arguments)} was still running after {limit.TotalMinutes:0.#} min and was killed\n"
                + $"--- its stdout so far\n{stdout}\n--- its stderr so far\n{stderr}\n--- post-mortem\n{await postMortem()}");
        }
    }

    /// <summary>
    /// Starts converge without waiting, for tests that signal or kill it mid-run; output goes to the given file.
    /// SIGINT is reset to its default first (<c>env --default-signal</c>): a suite started as a background job of a
    /// script inherits it ignored, and the native converge then keeps ignoring it, as POSIX programs do.
    /// </summary>
    public static System.Diagnostics.Process Start(IEnumerable<string> arguments, string stdoutFile)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec env --default-signal=INT \"$0\" \"$@\" > \"$CONVERGE_TEST_OUT\" 2>&1", Command[0] },
            UseShellExecute = false,
        };
        foreach (var argument in Command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CONVERGE_TEST_OUT"] = stdoutFile;
        return System.Diagnostics.Process.Start(start)!;
    }

    public static Task<ConvergeOutcome> RunAsync(params string[] arguments) => RunAsync(arguments, null, null, default);

    private static CliWrap.Command Wrap(IEnumerable<string> arguments) =>
        Cli.Wrap(Command[0]).WithArguments([.. Command.Skip(1), .. arguments]).WithValidation(CommandResultValidation.None);
}
