using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Core.Connections.Ssh;

/// <summary>Turns a <see cref="CommandSpec"/> into one POSIX shell line: working directory, environment, program and quoted arguments.</summary>
public static partial class RemoteShell
{
    public static string Line(CommandSpec command)
    {
        if (InlineProbeScript(command) is { } inline)
        {
            return inline;
        }

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

    /// <summary>
    /// A probe that is a script for <c>/bin/sh -c SCRIPT NAME ARGS…</c> runs in the calling shell instead, with
    /// <c>set -- ARGS…</c>: the persistent shell and the probe batch run every line in a subshell of its own, so
    /// a second <c>sh</c> would only cost the host a process (1–2 ms each where exec is slow), and a batch
    /// of probes would pay it once per probe. Only Converge's own probe scripts qualify (a user's
    /// <c>shell:</c> command is a change and keeps its own <c>sh</c>); <c>$0</c> is then the calling shell's.
    /// The line ends with a line break, so a script's last comment cannot swallow what the caller appends.
    /// </summary>
    private static string? InlineProbeScript(CommandSpec command) =>
        command is { Kind: CommandKind.Probe, Program: "/bin/sh" or "sh", WorkingDirectory: null, Arguments: ["-c", var script, ..] }
            && (command.Environment is null || command.Environment.Count == 0)
            ? "set --" + string.Concat(command.Arguments.Skip(3).Select(a => " " + ShellQuote.Quote(a))) + "\n" + script + "\n"
            : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
