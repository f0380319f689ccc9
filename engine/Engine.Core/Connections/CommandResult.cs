namespace Converge.Core.Connections;

/// <summary>
/// What a command did. Transports never throw on a non-zero exit: the module decides what it means.
/// <see cref="ExitCode"/> is null when the command was ended by a signal (<see cref="Signal"/>).
/// </summary>
public sealed record CommandResult(int? ExitCode, string? Signal, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of standard error, for failure messages.</summary>
    public string StderrTail(int lines = 10)
    {
        var all = Stderr.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
