using Converge.Core.Diagnostics;

namespace Converge.Core.Templates;

/// <summary>
/// A template that parsed but failed while rendering: a wrong type for an operator or a filter, a
/// recursive variable, an output past the size bound. <see cref="Line"/>/<see cref="Column"/> locate it.
/// </summary>
public sealed class TemplateRuntimeException(string reason, int line = 0, int column = 0)
    : ConvergeException(line > 0 ? $"template error at {line}:{column}: {reason}" : $"template error: {reason}")
{
    public string Reason { get; } = reason;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
