namespace Converge.Core.Diagnostics;

/// <summary>
/// One configuration error as data: where it is (<see cref="Span"/>), what kind it is, the names involved
/// (a variable, a host), and the sentence for people. Code that needs the place or a name reads these
/// properties, never the message; the message is printed once, at the edge (<see cref="DiagnosticFormatter"/>).
/// </summary>
public sealed record Diagnostic(SourceSpan Span, string Message)
{
    public DiagnosticKind Kind { get; init; } = DiagnosticKind.Error;

    /// <summary>The names the problem is about, in the order <see cref="Kind"/> documents.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    public bool Equals(Diagnostic? other) =>
        other is not null && Span == other.Span && Message == other.Message && Kind == other.Kind && Names.SequenceEqual(other.Names);

    public override int GetHashCode() => HashCode.Combine(Span, Message, Kind);

    public override string ToString() => $"{Span}: {Message}";
}
