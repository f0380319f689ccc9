using System.Text;

namespace Converge.Core.Diagnostics;

/// <summary>Prints diagnostics compiler-style: <c>file:line:col: message</c>, the offending line and a caret.</summary>
public static class DiagnosticFormatter
{
    public static string Format(IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        var files = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        var count = 0;
        foreach (var d in diagnostics)
        {
            count++;
            text.Append(d.Span).Append(": error: ").AppendLine(d.Message);
            var line = SourceLine(files, d.Span);
            if (line is not null)
            {
                text.Append("    ").AppendLine(line.Replace('\t', ' '));
                text.Append("    ").Append(' ', Math.Max(0, d.Span.Column - 1)).AppendLine("^");
            }
        }

        text.Append(count).AppendLine(count == 1 ? " error" : " errors");
        return text.ToString();
    }

    private static string? SourceLine(Dictionary<string, string[]?> files, SourceSpan span)
    {
        if (!span.IsKnown)
        {
            return null;
        }

        if (!files.TryGetValue(span.File, out var lines))
        {
            lines = File.Exists(span.File) ? File.ReadAllLines(span.File) : null;
            files[span.File] = lines;
        }

        return lines is not null && span.Line <= lines.Length ? lines[span.Line - 1] : null;
    }
}
