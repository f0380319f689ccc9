using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Core.Running;

/// <summary>The file names in the handler journal's pending folder (<see cref="HandlerJournal"/>); empty when it does not exist.</summary>
internal sealed class PendingHandlersFact(string pendingDirectory, Become? become) : Fact<HashSet<string>>
{
    // The shell's own globs (hidden names too) instead of find(1): a probe in every host's first batch, where each
    // process costs the host 1-2 ms. Regular files only, as find -type f: not symlinks, not directories.
    private const string Script =
        """
        for f in "$1"/* "$1"/.[!.]* "$1"/..?*; do
          if [ -f "$f" ] && [ ! -L "$f" ]; then printf '%s\n' "${f##*/}"; fi
        done
        """;

    public override CommandSpec Command { get; } =
        CommandSpec.Probe("/bin/sh", "-c", Script, "converge-pending-handlers", pendingDirectory) with { Become = become };

    public override HashSet<string> Parse(CommandResult result) =>
        result.Succeeded
            ? result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : [];
}
