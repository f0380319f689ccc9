using Converge.Core.Connections;

namespace Converge.Lab.Tests.Hosts;

/// <summary>Runs a shell command on a lab host through the system ssh client, as `converge lab ssh` does.</summary>
internal static class LabShell
{
    public static Task<CommandResult> SshAsync(this Lab lab, string name, string host, string command) =>
        Machine.RunAsync("ssh", [.. lab.SshArguments(name, host, []), "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "--", command], CancellationToken.None);

    public static async Task<string> SshOkAsync(this Lab lab, string name, string host, string command)
    {
        var result = await lab.SshAsync(name, host, command);
        Assert.True(result.Succeeded, $"`{command}` on {host} failed (exit {result.ExitCode}): {result.Stderr}");
        return result.Stdout.Trim();
    }

    public static async Task<string> ConsoleOkAsync(this Lab lab, string name, string host, params string[] command)
    {
        var result = await Machine.RunAsync("nsenter", lab.ConsoleArguments(name, host, command), CancellationToken.None);
        Assert.True(result.Succeeded, $"`{string.Join(' ', command)}` in {host} failed (exit {result.ExitCode}): {result.Stderr}");
        return result.Stdout.Trim();
    }
}
