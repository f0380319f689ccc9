using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Unarchive;

/// <summary>
/// The members of an archive on the host with each regular file's sha256, read without writing anything: tar streams
/// every file into sha256sum (<c>--to-command</c>), unzip pipes each member (<c>-p</c>). Records are NUL-separated
/// (<c>d||NAME</c>, <c>f|SHA256|NAME</c>), so any name is safe; <c>--strip-components</c> is applied by the parser.
/// </summary>
public sealed class ArchiveListingFact(string archive, int strip) : Fact<IReadOnlyList<ArchiveMember>>
{
    private const string Missing = "converge: no such archive";

    private const string Script =
        """
        a=$1
        [ -f "$a" ] || { echo "converge: no such archive" >&2; exit 4; }
        case "$a" in
          *.zip|*.ZIP)
            command -v unzip >/dev/null || { echo "unzip is not installed on the host" >&2; exit 5; }
            unzip -Z1 -- "$a" | while IFS= read -r m; do
              case "$m" in
                */) printf 'd||%s\0' "$m" ;;
                *) h=$(unzip -p -- "$a" "$m" | sha256sum) && printf 'f|%s|%s\0' "${h%% *}" "$m" ;;
              esac
            done ;;
          *)
            tar -tf "$a" | while IFS= read -r m; do case "$m" in */) printf 'd||%s\0' "$m" ;; esac; done
            tar -xf "$a" --to-command='h=$(sha256sum) && printf "f|%s|%s\0" "${h%% *}" "$TAR_FILENAME"' ;;
        esac
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-archive-listing", archive);

    public override IReadOnlyList<ArchiveMember> Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            var why = result.Stderr.Contains(Missing, StringComparison.Ordinal) ? $"Source '{archive}' does not exist" : $"cannot list the archive {archive}";
            throw new TaskFailedException(why, Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var members = new List<ArchiveMember>();
        foreach (var record in result.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = record.Split('|', 3);
            if (fields.Length == 3 && ArchiveFormat.Strip(fields[2], strip) is { } path)
            {
                members.Add(new ArchiveMember(path, fields[0] == "d", fields[1].Length == 64 ? fields[1] : null));
            }
        }

        return members;
    }
}
