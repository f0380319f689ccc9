using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.BuildDeb;

/// <summary>
/// One probe on the build host: the sha256 of the source tree (every path with its type, mode and link
/// target, sorted, then every file's sha256, all hashed together; <c>.git</c> is left out) and the stamp
/// the last build left in the work folder. With no <c>src</c> (a tarball) only the stamp is read.
/// </summary>
public sealed class BuildSourceFact(string? source, string stampPath) : Fact<BuildHostState>
{
    private const string Script =
        """
        src=$1; stamp=$2
        if [ -n "$src" ]; then
          [ -d "$src/debian" ] || { echo "$src is not a Debian source tree (no debian/ folder)" >&2; exit 3; }
          cd "$src" || exit 3
          h=$( { find . -name .git -prune -o -printf '%y %m %p %l\n' | LC_ALL=C sort
                 find . -name .git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum; } | sha256sum ) || exit 4
          echo "source ${h%% *}"
        fi
        if [ -r "$stamp" ]; then echo stamp; cat "$stamp"; fi
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-build-source", source ?? string.Empty, stampPath);

    public override BuildHostState Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the source tree {source}: {result.StderrTail(2)}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return ParseOutput(result.Stdout);
    }

    /// <summary>The pure parser: a <c>source HASH</c> line, then <c>stamp</c> and the stamp's JSON.</summary>
    public static BuildHostState ParseOutput(string stdout)
    {
        string? source = null;
        var lines = stdout.Split('\n');
        var stampAt = Array.IndexOf(lines, "stamp");
        foreach (var line in stampAt < 0 ? lines : lines[..stampAt])
        {
            if (line.StartsWith("source ", StringComparison.Ordinal))
            {
                source = line["source ".Length..].Trim();
            }
        }

        var stamp = stampAt < 0 ? null : BuildStamp.Parse(string.Join('\n', lines[(stampAt + 1)..]));
        return new BuildHostState(source, stamp);
    }
}
