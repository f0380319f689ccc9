using Converge.Core.Modules;

namespace Converge.Core.Reporting;

/// <summary>One line of the report: what happened to a task on a host, and why.</summary>
public sealed record TaskOutcome
{
    public required string Host { get; init; }

    public required string Task { get; init; }

    public required string Module { get; init; }

    public required OutcomeStatus Status { get; init; }

    /// <summary>The reason (in sync), the summary of changes, the skip reason or the error; redacted.</summary>
    public required string Message { get; init; }

    public IReadOnlyList<Change> Changes { get; init; } = [];

    /// <summary>Unified diffs of the changes that have one, joined; redacted.</summary>
    public string Diff { get; init; } = string.Empty;

    public long DurationMs { get; init; }

    /// <summary>Planned against a state predicted from earlier pending changes (check mode).</summary>
    public bool Assumed { get; init; }

    public bool IsHandler { get; init; }

    /// <summary>A failure that <c>ignore_errors</c> let pass: reported, not counted as failed.</summary>
    public bool Ignored { get; init; }

    /// <summary>A failure a block's <c>rescue</c> caught: reported, counted as rescued, not as failed (as Ansible's recap).</summary>
    public bool Rescued { get; init; }

    /// <summary>For failures: the command (redacted), exit code and standard error tail.</summary>
    public string? Command { get; init; }

    public int? ExitCode { get; init; }

    public string? StderrTail { get; init; }
}
