using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// Stat and sha256 of one path in a single probe, so a no-op rerun over SSH costs one round trip per
/// file. The script prints <c>absent</c> (and <c>noparent</c> when the directory that would hold the path is
/// missing too), or the stat line and, for a readable regular file, the line <c>sha256sum</c> prints for
/// standard input (reading stdin keeps odd file names out of the output). A symlink to a directory adds
/// <c>todir</c>. With <paramref name="follow"/>, a symlink is resolved first (<c>readlink -f</c>, as Ansible's
/// <c>os.path.realpath</c>): <c>target PATH</c>, then the target's lines.
/// </summary>
public sealed class FileFact(string path, bool follow = false) : Fact<FileSnapshot>
{
    private const string Script =
        """
        p=$1
        if [ "$2" = follow ] && [ -L "$p" ]; then
          p=$(readlink -f -- "$p") || exit 2
          printf 'target %s\n' "$p"
        fi
        if [ -e "$p" ] || [ -L "$p" ]; then
          stat -c '%F|%s|%a|%U|%G|%u|%g' -- "$p" || exit 2
          if [ -f "$p" ] && [ ! -L "$p" ] && [ -r "$p" ]; then sha256sum < "$p" || exit 3; fi
          if [ -L "$p" ] && [ -d "$p" ]; then echo todir; fi
        else
          echo absent
          [ -d "$(dirname -- "$p")" ] || echo noparent
        fi
        """;

    public string Path => path;

    public override CommandSpec Command { get; } = follow
        ? CommandSpec.Probe("/bin/sh", "-c", Script, "converge-file-fact", path, "follow")
        : CommandSpec.Probe("/bin/sh", "-c", Script, "converge-file-fact", path);

    public override FileSnapshot Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the state of {path}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        string? target = null;
        if (lines.Count > 0 && lines[0].StartsWith("target ", StringComparison.Ordinal))
        {
            target = lines[0]["target ".Length..];
            lines.RemoveAt(0);
        }

        lines = [.. lines.Select(l => l.Trim())];
        if (lines.Count == 0 || lines[0] == "absent")
        {
            return FileSnapshot.Absent(path) with { Target = target, ParentMissing = lines.Contains("noparent") };
        }

        var stat = StatCommand.Parse(target ?? path, new CommandResult(0, null, lines[0], string.Empty));
        var fields = lines[0].Split('|');
        var sha256 = lines.Skip(1).FirstOrDefault(l => l.Length >= 64 && l[..64].All(char.IsAsciiHexDigit))?[..64];
        return new FileSnapshot(path, stat, sha256, fields.ElementAtOrDefault(5), fields.ElementAtOrDefault(6))
        {
            Target = target,
            PointsToDirectory = lines.Contains("todir"),
        };
    }
}
