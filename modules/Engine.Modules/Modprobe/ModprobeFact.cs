using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Modprobe;

/// <summary>
/// What community.general's modprobe reads, in one probe: whether the module is loaded (/proc/modules, then the kernel's
/// modules.builtin), which /etc/modules-load.d files name it (a line of only the name, maybe commented after), and its
/// <c>options NAME key=value</c> lines in /etc/modprobe.d. <paramref name="root"/> prefixes every path (tests).
/// </summary>
public sealed class ModprobeFact(string name, string root) : Fact<ModprobeState>
{
    private const string Script =
        """
        n=$1; r=$2; u=$(printf %s "$n" | tr - _)
        if [ ! -r "$r/proc/modules" ]; then echo loaded=unknown
        elif grep -q "^$u " "$r/proc/modules"; then echo loaded=yes
        elif grep -qs "/$n\.ko\(\..*\)\?$" "$r/lib/modules/$(uname -r)/modules.builtin"; then echo loaded=yes
        else echo loaded=no; fi
        for f in "$r/etc/modules-load.d"/*; do
          [ -f "$f" ] && grep -Eq "^ *$n *([#;].*)?$" "$f" && echo "file=$f"
        done
        for f in "$r/etc/modprobe.d"/*; do
          [ -f "$f" ] && grep -E "^options $n [A-Za-z0-9_]+=[^ ]+ *([#;].*)?$" "$f" | sed -E "s/^options $n ([^ ]+).*/param=\1/"
        done
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-modprobe-fact", name, root);

    public override ModprobeState Parse(CommandResult result)
    {
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (!result.Succeeded || lines.Length == 0 || !lines[0].StartsWith("loaded=", StringComparison.Ordinal))
        {
            throw new TaskFailedException($"modprobe: cannot read the state of {name}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        bool? loaded = lines[0] switch { "loaded=yes" => true, "loaded=no" => false, _ => null };
        return new ModprobeState(
            loaded,
            [.. lines.Where(l => l.StartsWith("file=", StringComparison.Ordinal)).Select(l => l[5..])],
            lines.Where(l => l.StartsWith("param=", StringComparison.Ordinal)).Select(l => l[6..]).ToHashSet(StringComparer.Ordinal));
    }
}
