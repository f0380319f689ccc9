using System.Text.RegularExpressions;
using Converge.Modules.Line;

namespace Converge.Modules.BlockInFile;

/// <summary>
/// The pure text edit of <c>blockinfile</c>, as Ansible's module does it: the last begin and end markers delimit
/// the block, which is replaced (or removed); without both markers a new block goes after the last match of
/// insertafter (or before that of insertbefore), at the top for BOF, else at the end.
/// </summary>
public static class BlockEdit
{
    public static List<string> Apply(IReadOnlyList<string> lines, BlockInFileParams parameters)
    {
        var begin = parameters.Marker.Replace("{mark}", parameters.MarkerBegin, StringComparison.Ordinal);
        var end = parameters.Marker.Replace("{mark}", parameters.MarkerEnd, StringComparison.Ordinal);
        var result = lines.ToList();
        var block = parameters.State == "absent" || parameters.Block.Length == 0
            ? []
            : new List<string> { begin }.Concat(LineEdit.Split(parameters.Block.Replace("\r\n", "\n", StringComparison.Ordinal))).Append(end).ToList();
        var first = result.FindLastIndex(l => l == begin);
        var last = result.FindLastIndex(l => l == end);
        int at;
        if (first < 0 || last < 0)
        {
            at = InsertionIndex(result, parameters);
        }
        else
        {
            at = Math.Min(first, last);
            result.RemoveRange(at, Math.Abs(last - first) + 1);
        }

        result.InsertRange(at, block);
        return result;
    }

    private static int InsertionIndex(List<string> lines, BlockInFileParams parameters)
    {
        var pattern = parameters.InsertAfter is not (null or "EOF") ? parameters.InsertAfter : parameters.InsertBefore is not (null or "BOF") ? parameters.InsertBefore : null;
        if (pattern is null)
        {
            return parameters.InsertBefore == "BOF" ? 0 : lines.Count;
        }

        var match = lines.FindLastIndex(new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1)).IsMatch);
        if (match < 0)
        {
            return lines.Count;
        }

        return parameters.InsertAfter is not null ? match + 1 : match;
    }
}
