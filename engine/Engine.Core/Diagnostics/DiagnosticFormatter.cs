using System.Text;

namespace Converge.Core.Diagnostics;

/// <summary>Prints diagnostics compiler-style: <c>file:line:col: message</c>, the offending line and a caret.</summary>
public static class DiagnosticFormatter
{
    private const int Window = 160;

    private const long MaxFileBytes = 16L * 1024 * 1024;

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
                // A minified or hostile line can be megabytes long: show a window around the column.
                var column = Math.Max(0, d.Span.Column - 1);
                var start = column > Window ? column - (Window / 2) : 0;
                var shown = line.Length - start > Window ? string.Concat(line.AsSpan(start, Window), " ...") : line[Math.Min(start, line.Length)..];
                var prefix = start > 0 ? "... " : string.Empty;
                text.Append("    ").Append(prefix).AppendLine(shown.Replace('\t', ' '));
                text.Append("    ").Append(' ', prefix.Length + column - start).AppendLine("^");
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
            try
            {
                // The line is only shown: a file that cannot be read (or is too large to be an input) shows none.
                var info = new FileInfo(span.File);
                lines = info.Exists && info.Length <= MaxFileBytes ? File.ReadAllLines(span.File) : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                lines = null;
            }

            files[span.File] = lines;
        }

        return lines is not null && span.Line <= lines.Length ? lines[span.Line - 1] : null;
    }
}
