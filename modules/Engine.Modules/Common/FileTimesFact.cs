using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// A path's modification and access times as touch(1) <c>-t</c> stamps in the host's local time (date(1) formats
/// them, so the host's time zone applies as it does to <c>touch -t</c>); null when the path does not exist.
/// </summary>
public sealed class FileTimesFact(string path) : Fact<(string Modified, string Accessed)?>
{
    private const string Script =
        """
        [ -e "$1" ] || exit 0
        date -r "$1" +%Y%m%d%H%M.%S && date -d "@$(stat -c %X -- "$1")" +%Y%m%d%H%M.%S
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-file-times", path);

    public override (string Modified, string Accessed)? Parse(CommandResult result)
    {
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return result.Succeeded switch
        {
            true when lines.Length == 0 => null,
            true when lines.Length == 2 => (lines[0], lines[1]),
            _ => throw new TaskFailedException($"cannot read the times of {path}", Command.CommandLine, result.ExitCode, result.StderrTail()),
        };
    }
}
