using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Core.Connections.Ssh;

/// <summary>Turns a <see cref="CommandSpec"/> into one POSIX shell line: working directory, environment, program and quoted arguments.</summary>
public static partial class RemoteShell
{
    public static string Line(CommandSpec command)
    {
        if (InlineScript(command) is { } inline)
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
    /// A script for <c>/bin/sh -c SCRIPT NAME ARGS…</c> of Converge's own runs in the calling shell instead, with
    /// <c>set -- ARGS…</c>: the persistent shell and the probe batch run every line in a subshell of its own (so
    /// <c>exit</c>, <c>exec</c>, traps, <c>set -e</c>, <c>cd</c> and <c>umask</c> stay the script's, as under its own
    /// <c>sh</c>), and a second <c>sh</c> would only cost the host a process (1–2 ms each where exec is slow); a
    /// batch of probes would pay it once per probe, and under become the line already runs in sudo's own <c>sh</c>.
    /// Every probe qualifies (probes are Converge's own); a change only when it is named <c>converge-…</c> (the
    /// convention of Converge's module scripts: a user's <c>shell:</c> or <c>raw:</c> has no name and keeps its own
    /// <c>sh</c>, its <c>$0</c> and the shell's messages as written) and its script does not read its own process's
    /// identity: <c>$$</c> (a temp name would then be the loop's pid, the same for every request) or <c>$PPID</c>,
    /// nor <c>$0</c>, which is then the calling shell's. Neither kind with a working directory or environment.
    /// The line ends with a line break, so a script's last comment cannot swallow what the caller appends.
    /// </summary>
    private static string? InlineScript(CommandSpec command) =>
        command is { Program: "/bin/sh" or "sh", WorkingDirectory: null, Arguments: ["-c", var script, ..] }
            && (command.Environment is null || command.Environment.Count == 0)
            && (command.Kind == CommandKind.Probe || (command.Arguments is [_, _, var name, ..] && name.StartsWith("converge-", StringComparison.Ordinal) && !ReadsOwnProcess(script)))
            ? "set --" + string.Concat(command.Arguments.Skip(3).Select(a => " " + ShellQuote.Quote(a))) + "\n" + script + "\n"
            : null;

    private static bool ReadsOwnProcess(string script) =>
        script.Contains("$$", StringComparison.Ordinal) || script.Contains("${$", StringComparison.Ordinal)
        || script.Contains("PPID", StringComparison.Ordinal)
        || script.Contains("$0", StringComparison.Ordinal) || script.Contains("${0", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
