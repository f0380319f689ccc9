namespace Converge.Core.Templates.Jinja;

/// <summary>A parsed template: its statements and, for a file, its path (for includes and messages).</summary>
public sealed record CompiledTemplate(IReadOnlyList<Stmt> Body, string? Path, int TrailingNewlines = 0);
