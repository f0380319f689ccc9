using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>How a node ended, as its dependents see it.</summary>
/// <param name="Status">The reported status.</param>
/// <param name="Blocked">True when the node failed or could not run because something it needs failed.</param>
/// <param name="Pending">True when the node changed or would change (check mode): later plans are assumptions.</param>
internal sealed record NodeResult(OutcomeStatus Status, bool Blocked, bool Pending)
{
    public static NodeResult NotNotified { get; } = new(OutcomeStatus.Skipped, false, false);

    /// <summary>
    /// The node is passed over without a word and without blocking what needs it: a rescue with no failure, the rest
    /// of a failed block, a play ended by <c>meta</c>, a meta task itself (Ansible counts none of them).
    /// </summary>
    public static NodeResult Bypassed { get; } = new(OutcomeStatus.Skipped, false, false);

    /// <summary>The node did not run because its host stopped (or never started); nothing is reported for it.</summary>
    public static NodeResult NotRun { get; } = new(OutcomeStatus.Skipped, Blocked: true, Pending: false);
}
