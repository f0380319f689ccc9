using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Find;

/// <summary>
/// Every entry under the given directories in one probe: find(1)'s lstat fields (<c>-printf</c>, NUL-terminated
/// so any file name survives), the regular files whose content matches <c>contains</c> (grep -P, Perl's syntax
/// being Python's for the usual expressions), their sha1 sums when asked, and the paths that are not
/// directories. Filtering by name, age, size and type is pure code (<see cref="FindFilter"/>).
/// </summary>
public sealed class FindFact(FindParams parameters) : Fact<FindListing>
{
    private const string Script =
        """
        depth=$1; contains=$2; whole=$3; sum=$4; follow=$5; shift 5
        L=; [ "$follow" = 1 ] && L=-L
        z=; [ "$whole" = 1 ] && z=-z
        for p do
          if [ ! -d "$p" ]; then printf 'S|%s\0' "$p"; continue; fi
          find $L "$p" -mindepth 1 ${depth:+-maxdepth "$depth"} -printf 'E|%y|%s|%m|%U|%G|%i|%n|%A@|%T@|%C@|%u|%g|%D|%p\0' || exit 2
          if [ -n "$contains" ]; then
            find $L "$p" -mindepth 1 ${depth:+-maxdepth "$depth"} -type f -exec grep -s -l -Z $z -P -e "$contains" -- {} + | sed -z 's/^/C|/'
          fi
          if [ "$sum" = 1 ]; then
            find $L "$p" -mindepth 1 ${depth:+-maxdepth "$depth"} -type f -exec sha1sum -z -- {} + 2>/dev/null | sed -z 's/^/H|/'
          fi
        done
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe(
        "/bin/sh",
        [
            "-c", Script, "converge-find",
            parameters.Recurse ? parameters.Depth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty : "1",
            parameters.Contains is null ? string.Empty : (parameters.ReadWholeFile ? parameters.Contains : "^(?:" + parameters.Contains + ")"),
            parameters.ReadWholeFile ? "1" : "0",
            parameters.GetChecksum ? "1" : "0",
            parameters.Follow ? "1" : "0",
            .. parameters.Paths,
        ]);

    public override FindListing Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot list {string.Join(", ", parameters.Paths)}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return FindListing.Parse(result.Stdout);
    }
}
