namespace Converge.Core.Reporting;

/// <summary>The outcome of one task on one host.</summary>
public enum OutcomeStatus
{
    Ok,
    Changed,
    Failed,
    Skipped,
    Unreachable,
}
