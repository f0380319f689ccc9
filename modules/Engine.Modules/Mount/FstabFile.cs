namespace Converge.Modules.Mount;

/// <summary>
/// fstab edits as Ansible's mount does them: an entry is found by its mount point; present replaces that line
/// (keeping the others and comments) or appends one; absent removes every line for the mount point.
/// Spaces in fields are written <c>\040</c>.
/// </summary>
public static class FstabFile
{
    public static string Escape(string field) => field.Replace(" ", "\\040", StringComparison.Ordinal).Replace("\t", "\\011", StringComparison.Ordinal);

    public static string Line(MountParams p) => string.Join(' ', Escape(p.Src!), Escape(p.Path), p.Fstype, p.Opts, p.Dump, p.Passno);

    /// <summary>The fields of the entry for <paramref name="path"/>, or null.</summary>
    public static string? EntryOf(string? text, string path) =>
        Lines(text).Select(Fields).LastOrDefault(f => f is { Length: >= 2 } && f[1] == Escape(path)) is { } fields ? string.Join(' ', Normalized(fields)) : null;

    public static string Edit(string? text, MountParams p, bool present)
    {
        var output = new List<string>();
        var written = false;
        foreach (var line in Lines(text))
        {
            if (Fields(line) is { Length: >= 2 } fields && fields[1] == Escape(p.Path))
            {
                if (present && !written)
                {
                    output.Add(Line(p));
                    written = true;
                }

                continue;
            }

            output.Add(line);
        }

        if (present && !written)
        {
            output.Add(Line(p));
        }

        return output.Count == 0 ? string.Empty : string.Join('\n', output) + "\n";
    }

    /// <summary>dump and passno default to 0 when a line leaves them out.</summary>
    private static string[] Normalized(string[] fields) => [.. fields.Take(4), fields.Length > 4 ? fields[4] : "0", fields.Length > 5 ? fields[5] : "0"];

    private static string[]? Fields(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length == 0 || trimmed[0] == '#' ? null : trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
    }

    private static IEnumerable<string> Lines(string? text) => string.IsNullOrEmpty(text) ? [] : text.TrimEnd('\n').Split('\n');
}
