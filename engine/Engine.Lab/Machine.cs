using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Converge.Core.Connections;
using CommandResult = Converge.Core.Connections.CommandResult;

namespace Converge.Lab;

/// <summary>Runs commands on this machine (as root) for the lab: argument lists, never concatenated strings.</summary>
public static class Machine
{
    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> arguments, CancellationToken ct, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var command = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>());
        try
        {
            var result = await command.ExecuteBufferedAsync(Encoding.UTF8, ct);
            return new CommandResult(result.ExitCode, null, result.StandardOutput, result.StandardError);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"cannot run {program}: {e.Message}", e);
        }
    }

    /// <summary>Runs a command that must succeed; a failure names the command and its stderr.</summary>
    public static async Task<string> RunCheckedAsync(string program, IEnumerable<string> arguments, CancellationToken ct, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var list = arguments.ToList();
        var result = await RunAsync(program, list, ct, environment);
        if (!result.Succeeded)
        {
            throw new LabException($"`{ShellQuote.Join([program, .. list])}` failed (exit {result.ExitCode}): {result.StderrTail(5)}");
        }

        return result.Stdout;
    }

    public static bool IsRunning(int pid) => pid > 0 && Directory.Exists($"/proc/{pid}");

    /// <summary>The command line of a process (NUL-separated in /proc), or empty when it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    public static int? ReadPid(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : null;
}
