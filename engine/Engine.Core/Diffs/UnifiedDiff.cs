using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace Converge.Core.Diffs;

/// <summary>Unified diffs (as <c>diff -u</c> prints them) of text content, for <c>--diff</c> and reports.</summary>
public static class UnifiedDiff
{
    /// <summary>Diffs two texts; null when they are equal. Three lines of context, like diff -u.</summary>
    public static string? Create(string? before, string? after, string oldName, string newName, int context = 3)
    {
        before ??= string.Empty;
        after ??= string.Empty;
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return null;
        }

        var a = SplitLines(before);
        var b = SplitLines(after);
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new DiffPlex.Chunkers.LineEndingsPreservingChunker());
        var text = new StringBuilder();
        text.Append("--- ").AppendLine(oldName).Append("+++ ").AppendLine(newName);
        foreach (var hunk in Hunks(result.DiffBlocks, a.Length, b.Length, context))
        {
            AppendHunk(text, hunk, a, b);
        }

        return text.ToString();
    }

    private static string[] SplitLines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static List<List<DiffBlock>> Hunks(IList<DiffBlock> blocks, int aLength, int bLength, int context)
    {
        var hunks = new List<List<DiffBlock>>();
        foreach (var block in blocks)
        {
            var last = hunks.Count > 0 ? hunks[^1][^1] : null;
            if (last is not null && block.DeleteStartA - (last.DeleteStartA + last.DeleteCountA) <= 2 * context)
            {
                hunks[^1].Add(block);
            }
            else
            {
                hunks.Add([block]);
            }
        }

        return hunks;
    }

    private static void AppendHunk(StringBuilder text, List<DiffBlock> hunk, string[] a, string[] b, int context = 3)
    {
        var first = hunk[0];
        var last = hunk[^1];
        var aStart = Math.Max(0, first.DeleteStartA - context);
        var aEnd = Math.Min(a.Length, last.DeleteStartA + last.DeleteCountA + context);
        var bStart = Math.Max(0, first.InsertStartB - context);
        var bEnd = Math.Min(b.Length, last.InsertStartB + last.InsertCountB + context);
        text.Append("@@ -").Append(Range(aStart, aEnd - aStart)).Append(" +").Append(Range(bStart, bEnd - bStart)).AppendLine(" @@");
        var ai = aStart;
        foreach (var block in hunk)
        {
            for (; ai < block.DeleteStartA; ai++)
            {
                text.Append(' ').AppendLine(a[ai]);
            }

            for (var i = 0; i < block.DeleteCountA; i++)
            {
                text.Append('-').AppendLine(a[block.DeleteStartA + i]);
            }

            for (var i = 0; i < block.InsertCountB; i++)
            {
                text.Append('+').AppendLine(b[block.InsertStartB + i]);
            }

            ai = block.DeleteStartA + block.DeleteCountA;
        }

        for (; ai < aEnd; ai++)
        {
            text.Append(' ').AppendLine(a[ai]);
        }
    }

    private static string Range(int start, int count) =>
        count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";
}
