namespace Converge.Core.Modules;

/// <summary>What a <see cref="StateModule{TParams, TState}"/> check found, kept in the plan for apply.</summary>
public sealed record StateDifference<TState>(TState Actual, TState Desired, IReadOnlyList<string> Properties)
{
    /// <summary>Whether the named property differs.</summary>
    public bool Differs(string property) => Properties.Contains(property, StringComparer.Ordinal);
}
