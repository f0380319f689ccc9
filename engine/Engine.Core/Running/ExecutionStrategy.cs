using Converge.Core.Connections;
using Converge.Core.Modules;

namespace Converge.Core.Running;

/// <summary>
/// Check versus apply, chosen once per run (<see cref="For"/>, the only place the mode is read): everything
/// the two modes do differently is a member here, so the rest of the runner has no <c>if (check)</c>.
/// (Cake's <c>DryRunExecutionStrategy</c> and <c>DefaultExecutionStrategy</c>.)
/// </summary>
internal abstract class ExecutionStrategy
{
    /// <summary>True for check mode; a label for <c>ansible_check_mode</c> and the report, never a branch.</summary>
    public abstract bool IsCheck { get; }

    public static ExecutionStrategy For(RunOptions options) => options.Check ? CheckStrategy.Instance : ApplyStrategy.Instance;

    /// <summary>
    /// A task's own strategy: its <c>check_mode</c> overrides the run's, the one other place the mode is chosen.
    /// <c>check_mode: true</c> checks the task (its transport refuses changes) even in apply; <c>check_mode: false</c>
    /// applies it in a check run, through a transport view without the guard (<c>HostTransport.ConnectionFor</c>).
    /// </summary>
    public ExecutionStrategy ForTask(bool? checkMode) =>
        checkMode is not { } check || check == IsCheck ? this : check ? CheckStrategy.Instance : ApplyStrategy.Instance;

    /// <summary>Records a change's handler notifications on the host before it is applied (apply); a check run writes nothing, not even there.</summary>
    public abstract Task<IReadOnlyList<string>> JournalAsync(Func<CancellationToken, Task<IReadOnlyList<string>>> record, CancellationToken ct);

    /// <summary>The host's connection as every task sees it; check mode refuses every change in the transport.</summary>
    public abstract IConnection Guard(IConnection connection);

    /// <summary>What happens to a drift the check found: applied (the result), or left predicted (null).</summary>
    public abstract Task<ApplyResult?> OnDriftAsync(Func<CancellationToken, Task<ApplyResult>> apply, CancellationToken ct);

    /// <summary>After a handler ran: its pending notification is cleared only when it really ran.</summary>
    public abstract Task AfterHandlerAsync(Func<CancellationToken, Task> clearNotification, CancellationToken ct);

    /// <summary>The host's run lock: an apply creates and records it; a check takes it only when an earlier apply left its file, and writes nothing.</summary>
    public abstract HostLockFact Lock(string stateDirectory, string runId, Become? become);

    /// <summary>Whether a task's failure is an assumed change: one an earlier pending (unapplied) change would fix.</summary>
    public abstract bool IsAssumedChange(Exception error, bool upstreamPending);
}
