namespace Converge.Core.Modules;

/// <summary>
/// One compared property of a <see cref="StateModule{TParams, TState}"/>: its name in change paths and
/// how to read it from a state. <see cref="Value"/> is what is compared (null = absent or, in the desired
/// state, not managed); <see cref="Display"/> shortens it for people (e.g. a hash); <see cref="Diff"/>
/// gives a unified diff of (actual, desired) for content-like properties.
/// </summary>
public sealed record StateProperty<TState>(string Name, Func<TState, string?> Value)
{
    public Func<string, string>? Display { get; init; }

    public Func<TState, TState, string?>? Diff { get; init; }

    public string Show(string value) => Display is null ? value : Display(value);
}
