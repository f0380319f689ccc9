using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// Stat and sha256 of one path: whether it exists (and, when absent, whether the directory that would hold it
/// exists), its stat line, the sha256 of a readable regular file, and whether a symlink points to a directory.
/// With <paramref name="follow"/>, a symlink is resolved first (<c>readlink -f</c>, as Ansible's
/// <c>os.path.realpath</c>) and the target is read.
/// Several file facts read in one prefetch share one probe (<see cref="IBatchedFact"/>, <see cref="BatchScript"/>);
/// a followed path is read on its own.
/// </summary>
public sealed class FileFact(string path, bool follow = false, bool hash = true) : Fact<FileSnapshot>, IBatchedFact
{
    /// <summary>
    /// Every path's state with a constant number of processes: shell built-ins tell which paths exist and which
    /// are readable regular files, then one <c>stat</c> over the existing paths and one <c>sha256sum</c> over the
    /// readable files. Output: one flag line per path (<c>e</c> exists, <c>h</c> exists and is hashed, <c>a</c>
    /// absent; <c>d</c> appended for a symlink to a directory, <c>n</c> for an absent path whose directory is
    /// missing too), <c>--</c>, stat's lines (one per existing path, in order: the format has no name), <c>--</c>,
    /// sha256sum's lines (one per hashed file; a name with a line break is escaped onto one line), <c>--</c>, and one
    /// line with a character per path: <c>c</c> when the path's directory is canonical (<c>cd -P</c> lands on the same
    /// spelling, so no symlink, <c>.</c> or <c>..</c> leads there), <c>-</c> otherwise. That and the link count stat
    /// prints last tell which paths a declared change can be matched against (<see cref="PathsRead"/>), with built-ins.
    /// </summary>
    private const string BatchScript =
        """
        o=$PWD c=
        for p do
          if [ -f "$p" ] && [ ! -L "$p" ] && [ -r "$p" ]; then echo h
          elif [ -L "$p" ] && [ -d "$p" ]; then echo ed
          elif [ -e "$p" ] || [ -L "$p" ]; then echo e
          elif [ -d "${p%/*}" ] || [ "${p%/*}" = "$p" ] || [ -z "${p%/*}" ]; then echo a
          else echo an; fi
          d=${p%/*}
          case $p in
            /*) if cd -P -- "${d:-/}" 2>/dev/null && [ "$PWD" = "${d:-/}" ]; then c=${c}c; else c=${c}-; fi ;;
            *) c=${c}- ;;
          esac
        done
        [ -z "$o" ] || cd -- "$o" 2>/dev/null
        echo --
        for p do
          shift
          if [ -e "$p" ] || [ -L "$p" ]; then set -- "$@" "$p"; fi
        done
        if [ $# -gt 0 ]; then stat -c '%F|%s|%a|%U|%G|%u|%g|%h' -- "$@" || exit 2; fi
        echo --
        for p do
          shift
          if [ -f "$p" ] && [ ! -L "$p" ] && [ -r "$p" ]; then set -- "$@" "$p"; fi
        done
        if [ $# -gt 0 ]; then sha256sum -- "$@" || exit 3; fi
        echo --
        echo "$c"
        """;

    /// <summary>
    /// The batch script without hashing, for checks that do not compare content: reading a file for its hash would
    /// update its access time (relatime), which a task managing <c>access_time</c> must not disturb.
    /// </summary>
    private static readonly string NoHashScript = BatchScript
        .Replace("then echo h\n", "then echo e\n", StringComparison.Ordinal)
        .Replace("if [ $# -gt 0 ]; then sha256sum -- \"$@\" || exit 3; fi", string.Empty, StringComparison.Ordinal);

    /// <summary>A followed path: a symlink is resolved first and named (<c>target PATH</c>), then read like any other.</summary>
    private const string FollowPrelude =
        """
        p=$1
        if [ -L "$p" ]; then
          p=$(readlink -f -- "$p") || exit 2
          printf 'target %s\n' "$p"
          set -- "$p"
        fi

        """;

    public string Path => path;

    /// <summary>Followed paths are not batched: each is its own kind.</summary>
    public string BatchKind => follow ? $"{nameof(FileFact)} follow {path}" : hash ? nameof(FileFact) : nameof(FileFact) + " without hashes";

    /// <summary>One path read alone is a batch of one: the batch script is the single source of the flags' meaning.</summary>
    public override CommandSpec Command { get; } = follow
        ? CommandSpec.Probe("/bin/sh", "-c", FollowPrelude + (hash ? BatchScript : NoHashScript), "converge-file-fact", path)
        : CommandSpec.Probe("/bin/sh", "-c", hash ? BatchScript : NoHashScript, "converge-file-fact", path);

    private string Script => hash ? BatchScript : NoHashScript;

    /// <summary>The command is made of these alone (the path last, so the key cannot be ambiguous).</summary>
    protected override string Identity => $"follow={follow} hash={hash} {path}";

    public override FileSnapshot Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the state of {path}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var stdout = result.Stdout;
        string? target = null;
        if (stdout.StartsWith("target ", StringComparison.Ordinal) && stdout.IndexOf('\n', StringComparison.Ordinal) is var end and > 0)
        {
            target = stdout["target ".Length..end];
            stdout = stdout[(end + 1)..];
        }

        if (Sections(stdout, 1) is not ([var flag], var stats, var hashes, _))
        {
            throw new TaskFailedException($"cannot read the state of {path}: the probe's output was cut short", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        if (flag[0] == 'a')
        {
            return FileSnapshot.Absent(path) with { Target = target, ParentMissing = flag == "an" };
        }

        var stat = StatCommand.Parse(target ?? path, new CommandResult(0, null, stats[0], string.Empty));
        var fields = stats[0].Split('|');
        return new FileSnapshot(path, stat, flag == "h" ? hashes[0].TrimStart('\\')[..64] : null, fields.ElementAtOrDefault(5), fields.ElementAtOrDefault(6))
        {
            Target = target,
            PointsToDirectory = flag == "ed",
        };
    }

    /// <summary>
    /// The path, when the probe showed it canonical: its directory reached without a symlink, and the path itself
    /// absent, a directory, or a regular file with one link. A symlink (whose target decides what it shows; a
    /// followed one's output starts with its target, which fails the pattern below), a file with other hard links,
    /// or anything else depends on more than its own name.
    /// </summary>
    public override IReadOnlyList<PathRead>? PathsRead(CommandResult result)
    {
        if (!HostPath.IsClean(path) || !result.Succeeded || Sections(result.Stdout, 1) is not ([var flag], var stats, _, "c"))
        {
            return null;
        }

        if (flag == "a")
        {
            return [new PathRead(path, IsDirectory: false)];
        }

        // A directory has a link per subdirectory, but no other name; a file's link count says whether it has one.
        var fields = stats[0].Split('|');
        return (flag, fields[0], fields.ElementAtOrDefault(7)) switch
        {
            ("ed", _, _) => null,
            (_, "directory", _) => [new PathRead(path, IsDirectory: true)],
            (_, "regular file" or "regular empty file", "1") => [new PathRead(path, IsDirectory: false)],
            _ => null,
        };
    }

    public CommandSpec BatchCommand(IReadOnlyList<IBatchedFact> facts) =>
        CommandSpec.Probe("/bin/sh", ["-c", Script, "converge-file-facts", .. facts.Cast<FileFact>().Select(f => f.Path)]);

    /// <summary>Cuts the batch's output into each path's own output: the same script's output for a batch of one.</summary>
    public IReadOnlyList<CommandResult>? SplitBatch(IReadOnlyList<IBatchedFact> facts, CommandResult result)
    {
        if (!result.Succeeded || Sections(result.Stdout, facts.Count) is not var (flags, stats, hashes, canonical))
        {
            return null;
        }

        var results = new List<CommandResult>(facts.Count);
        int stat = 0, hash = 0;
        for (var i = 0; i < flags.Count; i++)
        {
            var flag = flags[i];
            var statLine = flag[0] == 'a' ? string.Empty : stats[stat++] + "\n";
            var hashLine = flag == "h" ? hashes[hash++] + "\n" : string.Empty;
            var canonicalLine = canonical is null ? string.Empty : $"--\n{canonical[i]}\n";
            results.Add(new CommandResult(0, null, $"{flag}\n--\n{statLine}--\n{hashLine}{canonicalLine}", string.Empty));
        }

        return results;
    }

    /// <summary>
    /// The batch script's sections (<see cref="BatchScript"/>): a flag per path, a stat line per existing path, a hash
    /// line per hashed file, and the canonical marks (null when the output has none); null unless the first three are
    /// complete for <paramref name="paths"/> paths.
    /// </summary>
    private static (List<string> Flags, List<string> Stats, List<string> Hashes, string? Canonical)? Sections(string stdout, int paths)
    {
        var lines = stdout.Split('\n');
        var flags = lines.TakeWhile(l => l != "--").ToList();
        var stats = lines.Skip(flags.Count + 1).TakeWhile(l => l != "--").ToList();
        var hashes = lines.Skip(flags.Count + stats.Count + 2).TakeWhile(l => l != "--").Where(l => l.Length > 0).ToList();
        var canonical = lines.Skip(flags.Count + stats.Count + 2).SkipWhile(l => l != "--").Skip(1).FirstOrDefault();
        var complete = flags.Count == paths && flags.All(f => f.Length > 0)
            && stats.Count == flags.Count(f => f[0] != 'a') && hashes.Count == flags.Count(f => f == "h")
            && hashes.All(h => h.TrimStart('\\').Length >= 64);
        return complete ? (flags, stats, hashes, canonical?.Length == paths ? canonical : null) : null;
    }
}
