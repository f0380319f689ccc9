using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Core.Running;

/// <summary>
/// The file names in the handler journal's pending folder (<see cref="HandlerJournal"/>); empty when it does not exist.
/// Its first line says whether the folder is canonical (<see cref="PathsRead"/>), so the journal's own writes drop
/// only this fact.
/// </summary>
internal sealed class PendingHandlersFact(string pendingDirectory, Become? become) : Fact<HashSet<string>>
{
    // The shell's own globs (hidden names too) instead of find(1): a probe in every host's first batch, where each
    // process costs the host 1-2 ms. Regular files only, as find -type f: not symlinks, not directories. Then, with
    // built-ins, `d` when the folder is a directory reached without a symlink, `a` when it is absent from one, `-`
    // otherwise; printed first, so no file name can be mistaken for it.
    private const string Script =
        """
        n=
        for f in "$1"/* "$1"/.[!.]* "$1"/..?*; do
          if [ -f "$f" ] && [ ! -L "$f" ]; then n="$n${f##*/}
        "; fi
        done
        p=${1%/*}
        if [ -L "$1" ]; then m=-
        elif [ -d "$1" ]; then if cd -P -- "$1" 2>/dev/null && [ "$PWD" = "$1" ]; then m=d; else m=-; fi
        elif [ ! -e "$1" ] && cd -P -- "${p:-/}" 2>/dev/null && [ "$PWD" = "${p:-/}" ]; then m=a
        else m=-; fi
        printf '%s\n%s' "$m" "$n"
        """;

    public override CommandSpec Command { get; } =
        CommandSpec.Probe("/bin/sh", "-c", Script, "converge-pending-handlers", pendingDirectory) with { Become = become };

    public override HashSet<string> Parse(CommandResult result) =>
        result.Succeeded
            ? result.Stdout.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];

    public override IReadOnlyList<PathRead>? PathsRead(CommandResult result) =>
        !result.Succeeded || !HostPath.IsClean(pendingDirectory) ? null
        : result.Stdout.Split('\n')[0] switch
        {
            "d" => [new PathRead(pendingDirectory, IsDirectory: true)],
            "a" => [new PathRead(pendingDirectory, IsDirectory: false)],
            _ => null,
        };
}
