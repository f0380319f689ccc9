using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Converge.TestKit;

/// <summary>
/// Runs the real <c>converge</c> entry point as a child process (the <c>converge.dll</c> built beside the
/// tests), the way a user runs it: its exit code, standard output and standard error.
/// </summary>
public static class ConvergeProcess
{
    public static string EntryPoint => Path.Combine(AppContext.BaseDirectory, "converge.dll");

    public static async Task<ConvergeOutcome> RunAsync(IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken ct = default)
    {
        var command = Cli.Wrap("dotnet")
            .WithArguments([EntryPoint, .. arguments])
            .WithValidation(CommandResultValidation.None)
            .WithWorkingDirectory(workingDirectory ?? Directory.GetCurrentDirectory())
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>());
        var result = await command.ExecuteBufferedAsync(Encoding.UTF8, ct);
        return new ConvergeOutcome(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>Starts converge without waiting, for tests that kill it mid-run; output goes to the given files.</summary>
    public static System.Diagnostics.Process Start(IEnumerable<string> arguments, string stdoutFile)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec dotnet \"$0\" \"$@\" > \"$CONVERGE_TEST_OUT\" 2>&1", EntryPoint },
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CONVERGE_TEST_OUT"] = stdoutFile;
        return System.Diagnostics.Process.Start(start)!;
    }

    public static Task<ConvergeOutcome> RunAsync(params string[] arguments) => RunAsync(arguments, null, null, default);
}
