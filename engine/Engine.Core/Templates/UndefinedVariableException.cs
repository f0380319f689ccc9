using Converge.Core.Diagnostics;

namespace Converge.Core.Templates;

/// <summary>
/// A template used a variable, key or attribute that is not defined: an error, never an empty string.
/// <see cref="Variable"/> is the full path as written (<c>result.stdout_lines</c>); <see cref="Line"/> and
/// <see cref="Column"/> locate it inside the template text (0 when unknown).
/// </summary>
public sealed class UndefinedVariableException(string variable, int line = 0, int column = 0)
    : ConvergeException(line > 0 ? $"undefined variable '{variable}' at {line}:{column}" : $"undefined variable '{variable}'")
{
    public string Variable { get; } = variable;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
