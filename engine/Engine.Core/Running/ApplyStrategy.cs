using Converge.Core.Connections;
using Converge.Core.Modules;

namespace Converge.Core.Running;

/// <summary>Apply mode: a drift is applied, a handler that ran clears its notification, a failure is a failure.</summary>
internal sealed class ApplyStrategy : ExecutionStrategy
{
    public static ApplyStrategy Instance { get; } = new();

    public override bool IsCheck => false;

    public override Task<IReadOnlyList<string>> JournalAsync(Func<CancellationToken, Task<IReadOnlyList<string>>> record, CancellationToken ct) => record(ct);

    public override IConnection Guard(IConnection connection) => connection;

    public override async Task<ApplyResult?> OnDriftAsync(Func<CancellationToken, Task<ApplyResult>> apply, CancellationToken ct) =>
        await apply(ct);

    public override Task AfterHandlerAsync(Func<CancellationToken, Task> clearNotification, CancellationToken ct) => clearNotification(ct);

    public override bool IsAssumedChange(Exception error, bool upstreamPending) => false;

    public override HostLockFact Lock(string stateDirectory, string runId, Become? become) => new(stateDirectory, runId, check: false, become);
}
