namespace Converge.Core.Diagnostics;

/// <summary>A place in an input file: 1-based line and column, as editors and compilers print them.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    /// <summary>A span for values that come from no file (command-line extra vars, defaults).</summary>
    public static SourceSpan None { get; } = new("<none>", 0, 0);

    /// <summary>Whether the span points into a real file.</summary>
    public bool IsKnown => Line > 0;

    /// <summary>Creates a span for a command-line argument, shown as <c>&lt;command line&gt;</c>.</summary>
    public static SourceSpan CommandLine(string what) => new($"<command line: {what}>", 0, 0);

    public override string ToString() => IsKnown ? $"{File}:{Line}:{Column}" : File;
}
