using Converge.Core.Diagnostics;

namespace Converge.Core.Templates;

/// <summary>A template that does not parse.</summary>
public sealed class TemplateSyntaxException(string message)
    : ConvergeException(message);
