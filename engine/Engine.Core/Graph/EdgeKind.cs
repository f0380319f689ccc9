namespace Converge.Core.Graph;

/// <summary>Why one node waits for another.</summary>
public enum EdgeKind
{
    /// <summary>Play order within a host: tasks, then the play's handlers, then the next play.</summary>
    Order,

    /// <summary>An explicit <c>requires:</c>, possibly on another host.</summary>
    Requires,

    /// <summary>A task notifies a handler.</summary>
    Notify,

    /// <summary>A rolling batch (<c>serial:</c>) waits for the previous batch; failure there does not skip it.</summary>
    Serial,

    /// <summary>A <c>run_once</c> task on one host waits for the same task on the host before it, whose result it takes.</summary>
    RunOnce,
}
