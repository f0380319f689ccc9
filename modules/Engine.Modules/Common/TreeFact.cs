using System.Globalization;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// Everything under a directory in one probe with a constant number of processes: one find(1) listing type, mode,
/// owner and group of every path (NUL-separated, so any name is safe), and with <paramref name="hash"/> one
/// sha256sum over every regular file. A symlink at the path itself is followed (the tree it points to is listed), as
/// a copy into a linked directory writes there; symlinks below are listed as links, never followed.
/// </summary>
public sealed class TreeFact(string path, bool hash) : Fact<TreeListing>
{
    private const string Script =
        """
        d=$1
        if [ ! -d "$d" ]; then
          if [ -e "$d" ] || [ -L "$d" ]; then printf 'other\0'; else printf 'absent\0'; fi
          exit 0
        fi
        cd -- "$d" || exit 2
        printf 'directory\0'
        find . -mindepth 1 -printf '%y|%m|%u|%g|%U|%G|%P\0' || exit 3
        printf -- '--\0'
        if [ "$2" = hash ]; then find . -mindepth 1 -type f -exec sha256sum -z -- {} + || exit 4; fi
        """;

    public string Path => path;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-tree-fact", path, hash ? "hash" : "list");

    public override TreeListing Parse(CommandResult result)
    {
        var records = result.Stdout.Split('\0');
        if (!result.Succeeded || records.Length == 0 || records[0] is not ("directory" or "absent" or "other"))
        {
            throw new TaskFailedException($"cannot list {path}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var entries = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        var i = 1;
        for (; i < records.Length && records[i] != "--"; i++)
        {
            var fields = records[i].Split('|', 7);
            if (fields.Length == 7)
            {
                entries[fields[6]] = new TreeEntry(fields[6], fields[0][0], Convert.ToInt32(fields[1], 8), fields[2], fields[3], fields[4], fields[5]);
            }
        }

        foreach (var line in records.Skip(i + 1).Where(r => r.Length > 66))
        {
            // sha256sum -z prints "HASH  ./relative" without escaping the name.
            var name = line[66..].StartsWith("./", StringComparison.Ordinal) ? line[68..] : line[66..];
            if (entries.TryGetValue(name, out var entry))
            {
                entries[name] = entry with { Sha256 = line[..64].ToLower(CultureInfo.InvariantCulture) };
            }
        }

        return new TreeListing(path, records[0], entries);
    }
}
