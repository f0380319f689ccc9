using Converge.Core.Connections;

namespace Converge.Modules.Common;

/// <summary>The values a command leaves for <c>register:</c>, named as Ansible names them.</summary>
public static class CommandOutput
{
    public static IReadOnlyDictionary<string, object?> From(string commandLine, CommandResult result)
    {
        // Ansible strips trailing newlines from stdout and stderr; registered values compare as users expect.
        var stdout = result.Stdout.TrimEnd('\r', '\n');
        var stderr = result.Stderr.TrimEnd('\r', '\n');
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["cmd"] = commandLine,
            ["rc"] = result.ExitCode,
            ["stdout"] = stdout,
            ["stderr"] = stderr,
            ["stdout_lines"] = Lines(stdout),
            ["stderr_lines"] = Lines(stderr),
        };
    }

    public static IReadOnlyDictionary<string, object?> Skipped(string commandLine, string message) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["cmd"] = commandLine,
            ["rc"] = 0,
            ["stdout"] = message,
            ["stderr"] = string.Empty,
            ["stdout_lines"] = new List<string> { message },
            ["stderr_lines"] = new List<string>(),
            ["skipped"] = true,
        };

    private static List<string> Lines(string text) =>
        text.Length == 0 ? [] : [.. text.Split('\n').Select(l => l.TrimEnd('\r'))];
}
