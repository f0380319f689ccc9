namespace Converge.Core.Templates.Jinja;

/// <summary>A Python-level error (a TypeError, a bad filter argument) raised without a position; the evaluator adds the node's line and column.</summary>
public sealed class PyException(string message) : Exception(message);
