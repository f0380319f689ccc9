using Converge.Core.Diagnostics;

namespace Converge.Core.Templates;

/// <summary>
/// A template or condition that does not parse (or names a filter or test that does not exist); found when
/// the text is first read, before anything runs. <see cref="Line"/> and <see cref="Column"/> are 1-based
/// positions inside the template text.
/// </summary>
public sealed class TemplateSyntaxException(string reason, int line = 0, int column = 0)
    : ConvergeException(line > 0 ? $"template error at {line}:{column}: {reason}" : $"template error: {reason}")
{
    public string Reason { get; } = reason;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
