namespace Converge.Core.Diagnostics;

/// <summary>What kind of problem a <see cref="Diagnostic"/> is, so code decides on it without reading the message.</summary>
public enum DiagnosticKind
{
    /// <summary>Any problem not singled out below.</summary>
    Error,

    /// <summary>A template used an undefined variable; <see cref="Diagnostic.Names"/> holds its path (e.g. <c>r.stdout</c>).</summary>
    UndefinedVariable,

    /// <summary>A connection variable has a value that cannot be used; <see cref="Diagnostic.Names"/> holds the host and the variable.</summary>
    InvalidConnectionVariable,
}
