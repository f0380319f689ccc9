namespace Converge.Core.Templates.Jinja;

/// <summary>A Python tuple: a read-only list that prints with parentheses.</summary>
public sealed class PyTuple(IReadOnlyList<object?> items) : List<object?>(items);
