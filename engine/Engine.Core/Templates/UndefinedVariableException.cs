using Converge.Core.Diagnostics;

namespace Converge.Core.Templates;

/// <summary>A template used a variable that is not defined: an error, never an empty string.</summary>
public sealed class UndefinedVariableException(string variable)
    : ConvergeException($"undefined variable '{variable}'")
{
    public string Variable { get; } = variable;
}
