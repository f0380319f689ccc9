namespace Converge.Core.Diagnostics;

/// <summary>One configuration error: where it is and what is wrong (and, in the message, what would be right).</summary>
public sealed record Diagnostic(SourceSpan Span, string Message)
{
    public override string ToString() => $"{Span}: {Message}";
}
