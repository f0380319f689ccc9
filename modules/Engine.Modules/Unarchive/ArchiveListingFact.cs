using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Unarchive;

/// <summary>
/// The members of an archive on the host with each regular file's sha256, read without writing anything: tar streams
/// every file into sha256sum (<c>--to-command</c>), unzip pipes each member (<c>-p</c>). Records are NUL-separated
/// (<c>d||NAME</c>, <c>f|SHA256|NAME</c>), so any name is safe; <c>--strip-components</c> is applied by the parser.
/// An archive given as a URL is first downloaded by the host (as Ansible's unarchive does with <c>remote_src</c>) into a
/// private temporary folder that the probe removes again, so the check leaves nothing behind.
/// </summary>
public sealed class ArchiveListingFact(string archive, int strip) : Fact<IReadOnlyList<ArchiveMember>>
{
    /// <summary>
    /// Downloads <c>$1</c> with curl into a fresh <c>mktemp -d</c> folder under the URL's file name, removed on exit by
    /// the caller's trap, and leaves the file's path in <c>$a</c>. A failed request names its HTTP status.
    /// </summary>
    public const string Fetch =
        """
        command -v curl >/dev/null || { echo "unarchive needs curl on the host to download $1" >&2; exit 9; }
        folder=$(mktemp -d /tmp/converge-unarchive.XXXXXX) || exit 2
        trap 'rm -rf "$folder"' EXIT
        name=${1%%\?*}; name=${name##*/}
        a="$folder/${name:-archive}"
        code=$(curl -sS -L -o "$a" -w '%{http_code}' -- "$1") || { echo "Failure downloading $1" >&2; exit 3; }
        case $code in 2*) ;; *) echo "Failure downloading $1, HTTP Error $code" >&2; exit 3;; esac
        """;

    private const string Missing = "converge: no such archive";

    private const string List =
        """
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

    /// <summary>Whether the archive is a URL the host downloads first.</summary>
    public static bool IsUrl(string src) => src.Contains("://", StringComparison.Ordinal);

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", (IsUrl(archive) ? Fetch + "\n" : "a=$1\n") + List, "converge-archive-listing", archive)
        with { Timeout = TimeSpan.FromMinutes(10) };

    public override IReadOnlyList<ArchiveMember> Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            var why = result.Stderr.Contains(Missing, StringComparison.Ordinal) ? $"Source '{archive}' does not exist"
                : result.ExitCode is 3 or 9 ? result.Stderr.Trim()
                : $"cannot list the archive {archive}";
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
