using Converge.Core.Diagnostics;
using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>The per-host run lock (<see cref="HostLockFact"/>): a host another run is converging is not touched.</summary>
internal static class HostLock
{
    /// <summary>
    /// Reads the lock the session's first batch took. When another run holds it, the host fails with a message
    /// naming that run (as Puppet's "already in progress"), none of its tasks run, and the other hosts carry on.
    /// </summary>
    public static async Task<bool> TakeAsync(RunState state, string host, HostSession session, HostAgenda agenda, CancellationToken ct)
    {
        if (session.Lock is not { } fact)
        {
            return true;
        }

        HostLockState taken;
        try
        {
            taken = await session.Facts.GetAsync(fact, ct);
        }
        catch (TaskFailedException e)
        {
            taken = new HostLockState(HostLockStatus.Unavailable, e.Message);
        }

        if (taken.Status == HostLockStatus.Acquired)
        {
            session.MarkLockHeld();
        }

        if (taken.Status != HostLockStatus.Held)
        {
            return true;
        }

        state.Report(new TaskOutcome
        {
            Host = host,
            Task = agenda.Count > 0 ? agenda[0].Task.Name : "lock",
            Module = "lock",
            Status = OutcomeStatus.Failed,
            Message = $"{host} is being converged by another run ({taken.Detail}); nothing was changed on it. Run again when that run has finished",
        });
        return false;
    }
}
