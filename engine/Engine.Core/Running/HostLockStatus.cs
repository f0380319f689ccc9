namespace Converge.Core.Running;

/// <summary>The outcome of taking the host's run lock.</summary>
internal enum HostLockStatus
{
    /// <summary>This run holds the lock (taken now, or already by another of its hosts on the same machine).</summary>
    Acquired,

    /// <summary>
    /// No apply holds it, and this run, a check, writes no record: there is nothing to release at its end.
    /// </summary>
    Free,

    /// <summary>Another live run holds it: this host is not touched.</summary>
    Held,

    /// <summary>The state directory cannot be written (a non-root login without become): the run goes on unlocked.</summary>
    Unavailable,
}
