namespace Converge.Core.Connections;

/// <summary>
/// An immutable command: a program and its arguments as a list (never a concatenated string).
/// Transports quote it for the remote shell with <see cref="ShellQuote"/>.
/// </summary>
public sealed record CommandSpec(string Program, IReadOnlyList<string> Arguments)
{
    public CommandKind Kind { get; init; } = CommandKind.Change;

    /// <summary>Text written to the command's standard input, then closed.</summary>
    public string? StandardInput { get; init; }

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Run as another user through sudo; <c>null</c> runs as the connection's user.</summary>
    public Become? Become { get; init; }

    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// The paths a change command may touch, when its maker knows them: facts about other paths stay cached.
    /// Null (the default) for a command that may change anything, such as a user's command or script.
    /// </summary>
    public IReadOnlyList<PathChange>? Changes { get; init; }

    /// <summary>A read-only command, allowed in check mode.</summary>
    public static CommandSpec Probe(string program, params string[] arguments) =>
        new(program, arguments) { Kind = CommandKind.Probe };

    /// <summary>A command that may change the host.</summary>
    public static CommandSpec Change(string program, params string[] arguments) =>
        new(program, arguments) { Kind = CommandKind.Change };

    /// <summary>A script for <c>/bin/sh -c</c>; the script is one argument, so nothing is re-split.</summary>
    public static CommandSpec Shell(string script, CommandKind kind) =>
        new("/bin/sh", ["-c", script]) { Kind = kind };

    /// <summary>The command as a POSIX shell line, for the remote shell and for people.</summary>
    public string CommandLine => ShellQuote.Join([Program, .. Arguments]);

    public override string ToString() => CommandLine;
}
