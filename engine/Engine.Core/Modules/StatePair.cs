namespace Converge.Core.Modules;

/// <summary>The actual state read from the host and the desired state computed from the params.</summary>
public sealed record StatePair<TState>(TState Actual, TState Desired);
