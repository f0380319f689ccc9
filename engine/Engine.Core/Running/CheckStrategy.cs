using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;

namespace Converge.Core.Running;

/// <summary>Check mode: checks run, drifts stay predicted, and the transport refuses every change.</summary>
internal sealed class CheckStrategy : ExecutionStrategy
{
    public static CheckStrategy Instance { get; } = new();

    public override bool IsCheck => true;

    public override Task<IReadOnlyList<string>> JournalAsync(Func<CancellationToken, Task<IReadOnlyList<string>>> record, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public override IConnection Guard(IConnection connection) => new CheckModeConnection(connection);

    public override Task<ApplyResult?> OnDriftAsync(Func<CancellationToken, Task<ApplyResult>> apply, CancellationToken ct) =>
        Task.FromResult<ApplyResult?>(null);

    public override Task AfterHandlerAsync(Func<CancellationToken, Task> clearNotification, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Check mode plans against the host as it is; when an earlier change is only pending, this task's failure
    /// is what that pending change would fix, so it is an assumed change, not a failure. A refused write is a
    /// module bug, never an assumption.
    /// </summary>
    public override bool IsAssumedChange(Exception error, bool upstreamPending) =>
        upstreamPending && error is not CheckModeViolationException;

    public override HostLockFact Lock(string stateDirectory, string runId, Become? become) => new(stateDirectory, runId, check: true, become);
}
