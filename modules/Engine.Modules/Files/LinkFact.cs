using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Files;

/// <summary>
/// What a link task needs in one probe: the path's kind (<c>link</c> with its target as readlink prints it,
/// <c>file</c>, <c>directory</c>, <c>other</c>, <c>absent</c>) with device and inode, and whether <c>src</c> exists
/// (resolved against the path's directory when relative, as the kernel resolves a relative symlink) with its
/// device and inode (to tell whether a hard link is already the same file), its mode and whether it is a directory.
/// </summary>
public sealed class LinkFact(string path, string src) : Fact<LinkState>
{
    private const string Script =
        """
        p=$1; s=$2
        case $s in /*) r=$s;; *) r=$(dirname -- "$p")/$s;; esac
        if [ -L "$p" ]; then printf 'link|%s\n' "$(readlink -- "$p")"
        elif [ -d "$p" ]; then echo "directory|$(stat -c '%d:%i' -- "$p")"
        elif [ -f "$p" ]; then echo "file|$(stat -c '%d:%i' -- "$p")"
        elif [ -e "$p" ]; then echo "other|"
        else echo "absent|"; fi
        if [ -e "$r" ]; then echo "src|$(stat -L -c '%d:%i|%a|%F' -- "$r")"; else echo "src|"; fi
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-link-fact", path, src);

    public override LinkState Parse(CommandResult result)
    {
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (!result.Succeeded || lines.Length < 2)
        {
            throw new TaskFailedException($"cannot read the state of {path}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var (kind, value) = Split(lines[0]);
        var source = lines[^1].Split('|');
        var inode = source.Length > 1 && source[1].Length > 0 ? source[1] : null;
        int? mode = source.Length > 2 ? Convert.ToInt32(source[2], 8) : null;
        return new LinkState(kind, kind == "link" ? value : null, kind is "file" or "directory" ? value : null, inode, mode, source.Length > 3 && source[3] == "directory");
    }

    private static (string, string) Split(string line) =>
        line.IndexOf('|', StringComparison.Ordinal) is >= 0 and var bar ? (line[..bar], line[(bar + 1)..]) : (line, string.Empty);
}
