namespace Converge.Core.Templates.Jinja;

/// <summary>A filter or test: its code and whether it may receive an undefined input (<c>default</c>, <c>is defined</c>).</summary>
public sealed record JinjaFunction(Func<FilterCall, object?> Apply, bool AcceptsUndefined = false);
