using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>The per-host run lock (<see cref="HostLockFact"/>): a host another run is converging is not touched.</summary>
internal sealed partial class HostWorker
{
    /// <summary>
    /// Reads the lock the first batch took. When another run holds it, the host fails with a message naming
    /// that run (as Puppet's "already in progress"), none of its tasks run, and the other hosts carry on.
    /// </summary>
    private async Task<bool> TakeLockAsync(HostLockFact hostLock, IReadOnlyList<GraphNode> nodes, CancellationToken ct)
    {
        HostLockState taken;
        try
        {
            taken = await _facts.GetAsync(hostLock, ct);
        }
        catch (TaskFailedException e)
        {
            taken = new HostLockState(HostLockStatus.Unavailable, e.Message);
        }

        if (taken.Status != HostLockStatus.Held)
        {
            return true;
        }

        _stoppedBy = "locked";
        state.Report(new TaskOutcome
        {
            Host = host,
            Task = nodes.Count > 0 ? nodes[0].Task.Name : "lock",
            Module = "lock",
            Status = OutcomeStatus.Failed,
            Message = $"{host} is being converged by another run ({taken.Detail}); nothing was changed on it. Run again when that run has finished",
        });
        return false;
    }
}
