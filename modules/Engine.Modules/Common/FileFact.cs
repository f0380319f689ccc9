using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// Stat and sha256 of one path in a single probe, so a no-op rerun over SSH costs one round trip per
/// file. The script prints <c>absent</c>, or the stat line and, for a readable regular file, the line
/// <c>sha256sum</c> prints for standard input (reading stdin keeps odd file names out of the output).
/// </summary>
public sealed class FileFact(string path) : Fact<FileSnapshot>
{
    private const string Script =
        """
        p=$1
        if [ -e "$p" ] || [ -L "$p" ]; then
          stat -c '%F|%s|%a|%U|%G|%u|%g' -- "$p" || exit 2
          if [ -f "$p" ] && [ ! -L "$p" ] && [ -r "$p" ]; then sha256sum < "$p" || exit 3; fi
        else
          echo absent
        fi
        """;

    public string Path => path;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-file-fact", path);

    public override FileSnapshot Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the state of {path}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] == "absent")
        {
            return FileSnapshot.Absent(path);
        }

        var stat = StatCommand.Parse(path, new CommandResult(0, null, lines[0], string.Empty));
        var fields = lines[0].Split('|');
        var sha256 = lines.Length > 1 && lines[1].Length >= 64 ? lines[1][..64] : null;
        return new FileSnapshot(path, stat, sha256, fields.ElementAtOrDefault(5), fields.ElementAtOrDefault(6));
    }
}
