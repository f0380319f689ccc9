namespace Converge.Core.Modules;

/// <summary>The actual state read from the host and the desired state computed from the params.</summary>
public sealed record StatePair<TState>(TState Actual, TState Desired)
{
    /// <summary>
    /// Set when the actual state is missing something an earlier task is expected to provide (a file a
    /// previous task creates): the plan is then labelled assumed with this reason, and apply decides.
    /// </summary>
    public string? Assumption { get; init; }
}
