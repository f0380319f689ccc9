using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Core.Connections.Ssh;

/// <summary>Turns a <see cref="CommandSpec"/> into one POSIX shell line: working directory, environment, program and quoted arguments.</summary>
public static partial class RemoteShell
{
    public static string Line(CommandSpec command)
    {
        var line = new StringBuilder();
        if (command.WorkingDirectory is { } directory)
        {
            line.Append("cd -- ").Append(ShellQuote.Quote(directory)).Append(" && ");
        }

        foreach (var (name, value) in command.Environment ?? new Dictionary<string, string>())
        {
            if (!EnvironmentName().IsMatch(name))
            {
                throw new ArgumentException($"'{name}' is not a valid environment variable name", nameof(command));
            }

            line.Append(name).Append('=').Append(ShellQuote.Quote(value)).Append(' ');
        }

        return line.Append(command.CommandLine).ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
