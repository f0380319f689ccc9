namespace Converge.Core.Diagnostics;

/// <summary>
/// A runtime failure of one task on one host, with what a person needs to act on it:
/// the command (already redacted), its exit code and the tail of its standard error.
/// </summary>
public sealed class TaskFailedException : ConvergeException
{
    public TaskFailedException(string message, string? command = null, int? exitCode = null, string? stderrTail = null, Exception? inner = null)
        : base(message, inner)
    {
        Command = command;
        ExitCode = exitCode;
        StderrTail = stderrTail;
    }

    public string? Command { get; }

    public int? ExitCode { get; }

    public string? StderrTail { get; }

    /// <summary>What the failed step produced (e.g. <c>rc</c>, <c>stdout</c>, <c>stderr</c>), for <c>register</c> and <c>failed_when</c>.</summary>
    public IReadOnlyDictionary<string, object?>? Output { get; init; }
}
