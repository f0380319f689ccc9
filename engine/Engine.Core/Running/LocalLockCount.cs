namespace Converge.Core.Running;

/// <summary>How many of a run's local sessions hold the run lock (all on the controller's machine), so the last one to end releases it.</summary>
internal sealed class LocalLockCount
{
    private int _count;

    public void Enter() => Interlocked.Increment(ref _count);

    /// <summary>True for the session that was the last holder.</summary>
    public bool Leave() => Interlocked.Decrement(ref _count) == 0;
}
