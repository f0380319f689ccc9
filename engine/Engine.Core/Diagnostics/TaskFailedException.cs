namespace Converge.Core.Diagnostics;

/// <summary>
/// A runtime failure of one task on one host, with what a person needs to act on it:
/// the command (already redacted), its exit code and the tail of its standard error.
/// </summary>
public sealed class TaskFailedException : ConvergeException
{
    public TaskFailedException(string message, string? command = null, int? exitCode = null, string? stderrTail = null, Exception? inner = null)
        : base(ClippedText.Clip(message), inner)
    {
        Command = command is null ? null : ClippedText.Clip(command);
        ExitCode = exitCode;
        StderrTail = stderrTail;
    }

    public string? Command { get; }

    public int? ExitCode { get; }

    public string? StderrTail { get; }

    /// <summary>
    /// Values for <c>register:</c> the failed task still produced (e.g. a command's rc, stdout, stderr),
    /// so <c>ignore_errors</c> and <c>failed_when</c> can look at them.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Output { get; init; }
}
