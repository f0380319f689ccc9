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
/// Several file facts read in one prefetch share one probe (<see cref="IBatchedFact"/>, <see cref="BatchScript"/>);
/// a followed path is read on its own.
/// </summary>
public sealed class FileFact(string path, bool follow = false) : Fact<FileSnapshot>, IBatchedFact
{
    /// <summary>
    /// Every path's state with a constant number of processes: shell built-ins tell which paths exist and which
    /// are readable regular files, then one <c>stat</c> over the existing paths and one <c>sha256sum</c> over the
    /// readable files. Output: one flag line per path (<c>e</c> exists, <c>h</c> exists and is hashed, <c>a</c>
    /// absent; <c>d</c> appended for a symlink to a directory, <c>n</c> for an absent path whose directory is
    /// missing too), <c>--</c>, stat's lines (one per existing path, in order: the format has no name), <c>--</c>,
    /// sha256sum's lines (one per hashed file; a name with a line break is escaped onto one line).
    /// </summary>
    private const string BatchScript =
        """
        for p do
          if [ -f "$p" ] && [ ! -L "$p" ] && [ -r "$p" ]; then echo h
          elif [ -L "$p" ] && [ -d "$p" ]; then echo ed
          elif [ -e "$p" ] || [ -L "$p" ]; then echo e
          elif [ -d "${p%/*}" ] || [ "${p%/*}" = "$p" ] || [ -z "${p%/*}" ]; then echo a
          else echo an; fi
        done
        echo --
        for p do
          shift
          if [ -e "$p" ] || [ -L "$p" ]; then set -- "$@" "$p"; fi
        done
        if [ $# -gt 0 ]; then stat -c '%F|%s|%a|%U|%G|%u|%g' -- "$@" || exit 2; fi
        echo --
        for p do
          shift
          if [ -f "$p" ] && [ ! -L "$p" ] && [ -r "$p" ]; then set -- "$@" "$p"; fi
        done
        if [ $# -gt 0 ]; then sha256sum -- "$@" || exit 3; fi
        """;

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

    /// <summary>Followed paths are not batched: each is its own kind.</summary>
    public string BatchKind => follow ? $"{nameof(FileFact)} follow {path}" : nameof(FileFact);

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

    public CommandSpec BatchCommand(IReadOnlyList<IBatchedFact> facts) =>
        CommandSpec.Probe("/bin/sh", ["-c", BatchScript, "converge-file-facts", .. facts.Cast<FileFact>().Select(f => f.Path)]);

    /// <summary>Rebuilds each path's single-fact output (<c>absent</c>, or the stat line and the hash line) from the batch.</summary>
    public IReadOnlyList<CommandResult>? SplitBatch(IReadOnlyList<IBatchedFact> facts, CommandResult result)
    {
        if (!result.Succeeded)
        {
            return null;
        }

        var lines = result.Stdout.Split('\n');
        var flags = lines.TakeWhile(l => l != "--").ToList();
        var stats = lines.Skip(flags.Count + 1).TakeWhile(l => l != "--").ToList();
        var hashes = lines.Skip(flags.Count + stats.Count + 2).Where(l => l.Length > 0).ToList();
        if (flags.Count != facts.Count || stats.Count != flags.Count(f => f[0] != 'a') || hashes.Count != flags.Count(f => f == "h"))
        {
            return null;
        }

        var results = new List<CommandResult>(facts.Count);
        int stat = 0, hash = 0;
        foreach (var flag in flags)
        {
            var stdout = flag switch
            {
                "a" => "absent\n",
                "an" => "absent\nnoparent\n",
                "e" => stats[stat++] + "\n",
                "ed" => stats[stat++] + "\ntodir\n",
                _ => stats[stat++] + "\n" + hashes[hash++].TrimStart('\\')[..64] + "  -\n",
            };
            results.Add(new CommandResult(0, null, stdout, string.Empty));
        }

        return results;
    }
}
