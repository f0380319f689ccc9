using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// Stat and sha256 of one path: whether it exists (and, when absent, whether the directory that would hold it
/// exists), its stat line, the sha256 of a readable regular file, and whether a symlink points to a directory.
/// With <paramref name="follow"/>, a symlink is resolved first (<c>readlink -f</c>, as Ansible's
/// <c>os.path.realpath</c>) and the target is read. Without <paramref name="hash"/>, no file is read.
/// Every file fact of one prefetch (one become) shares one probe, followed or not, hashed or not
/// (<see cref="IBatchedFact"/>, <see cref="BatchScript"/>), and so do path stats (<see cref="PathStatFact"/>): one
/// <c>stat</c> and one <c>sha256sum</c> in all.
/// </summary>
public sealed class FileFact(string path, bool follow = false, bool hash = true) : Fact<FileSnapshot>, IBatchedFact
{
    /// <summary>
    /// Every path's state with a constant number of processes. <c>$1</c> holds a mode per path (<c>h</c> hash,
    /// <c>s</c> stat only; upper case: follow a symlink), the paths follow. Shell built-ins resolve a followed
    /// symlink (<c>readlink -f</c>, a program only for a followed path that is a symlink), tell which paths exist
    /// and which are readable regular files to hash; then one <c>stat</c> over the existing paths and one
    /// <c>sha256sum</c> over the files to hash. Output: one flag line per path (<c>e</c> exists, <c>h</c> exists and
    /// is hashed, <c>a</c> absent; <c>d</c> appended for a symlink to a directory, <c>n</c> for an absent path whose
    /// directory is missing too; a followed symlink's line ends with a space and the path it resolved to, which the
    /// rest describes), <c>--</c>, stat's lines (one per existing path, in order: the format has no name), <c>--</c>,
    /// sha256sum's lines (one per hashed file; a name with a line break is escaped onto one line), <c>--</c>, and one
    /// line with a character per path: <c>c</c> when the path's directory is canonical (<c>cd -P</c> lands on the same
    /// spelling, so no symlink, <c>.</c> or <c>..</c> leads there), <c>-</c> otherwise. That and the link count stat
    /// prints last tell which paths a declared change can be matched against (<see cref="PathsRead"/>), with built-ins.
    /// A followed path that cannot be resolved (a loop, a missing directory on the way) fails the whole probe, so each
    /// fact is then read alone and only that one fails.
    /// </summary>
    private const string BatchScript =
        """
        m=$1 o=$PWD c= k= j=
        shift
        for p do
          shift
          t= f=
          case $m in [HS]*) if [ -L "$p" ]; then p=$(readlink -f -- "$p") || exit 2; t=" $p"; fi ;; esac
          case $m in [hH]*) if [ -f "$p" ] && [ ! -L "$p" ] && [ -r "$p" ]; then f=h; fi ;; esac
          if [ -n "$f" ]; then :
          elif [ -L "$p" ] && [ -d "$p" ]; then f=ed
          elif [ -e "$p" ] || [ -L "$p" ]; then f=e
          elif [ -d "${p%/*}" ] || [ "${p%/*}" = "$p" ] || [ -z "${p%/*}" ]; then f=a
          else f=an; fi
          printf '%s%s\n' "$f" "$t"
          k=$k${f%"${f#?}"} m=${m#?} d=${p%/*}
          case $p in
            /*) if cd -P -- "${d:-/}" 2>/dev/null && [ "$PWD" = "${d:-/}" ]; then c=${c}c; else c=${c}-; fi ;;
            *) c=${c}- ;;
          esac
          set -- "$@" "$p"
        done
        [ -z "$o" ] || cd -- "$o" 2>/dev/null
        echo --
        for p do
          shift
          case $k in a*) ;; *) set -- "$@" "$p"; j=$j${k%"${k#?}"} ;; esac
          k=${k#?}
        done
        if [ $# -gt 0 ]; then stat -c '%F|%s|%a|%U|%G|%u|%g|%h' -- "$@" || exit 2; fi
        echo --
        for p do
          shift
          case $j in h*) set -- "$@" "$p" ;; esac
          j=${j#?}
        done
        if [ $# -gt 0 ]; then sha256sum -- "$@" || exit 3; fi
        echo --
        echo "$c"
        """;

    public string Path => path;

    /// <summary>Every file fact is of one kind: the batch script reads each path as its own mode says.</summary>
    public string BatchKind => nameof(FileFact);

    /// <summary>One path read alone is a batch of one: the batch script is the single source of the flags' meaning.</summary>
    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", BatchScript, "converge-file-facts", ModeOf(follow, hash), path);

    /// <summary>This fact's mode letter in the batch script's <c>$1</c>.</summary>
    private string Mode { get; } = ModeOf(follow, hash);

    /// <summary>The command is made of these alone (the path last, so the key cannot be ambiguous).</summary>
    protected override string Identity => $"follow={follow} hash={hash} {path}";

    public override FileSnapshot Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the state of {path}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        if (Sections(result.Stdout, 1) is not ([var line], var stats, var hashes, _))
        {
            throw new TaskFailedException($"cannot read the state of {path}: the probe's output was cut short", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var (flag, target) = FlagOf(line);
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
    /// followed one's flag line names its target, which fails the pattern below), a file with other hard links,
    /// or anything else depends on more than its own name.
    /// </summary>
    public override IReadOnlyList<PathRead>? PathsRead(CommandResult result)
    {
        if (!HostPath.IsClean(path) || !result.Succeeded || Sections(result.Stdout, 1) is not ([var flag], var stats, _, "c"))
        {
            return null;
        }

        // A directory has a link per subdirectory, but no other name; a file's link count says whether it has one.
        return (flag, stats.FirstOrDefault()?.Split('|')) switch
        {
            ("a", _) => [new PathRead(path, IsDirectory: false)],
            ("e" or "h", ["directory", ..]) => [new PathRead(path, IsDirectory: true)],
            ("e" or "h", ["regular file" or "regular empty file", _, _, _, _, _, _, "1"]) => [new PathRead(path, IsDirectory: false)],
            _ => null,
        };
    }

    public CommandSpec BatchCommand(IReadOnlyList<IBatchedFact> facts)
    {
        var files = facts.Select(FileOf).ToList();
        return CommandSpec.Probe("/bin/sh", ["-c", BatchScript, "converge-file-facts", string.Concat(files.Select(f => f.Mode)), .. files.Select(f => f.Path)]);
    }

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
            var flag = FlagOf(flags[i]).Flag;
            var statLine = flag[0] == 'a' ? string.Empty : stats[stat++] + "\n";
            var hashLine = flag == "h" ? hashes[hash++] + "\n" : string.Empty;
            var canonicalLine = canonical is null ? string.Empty : $"--\n{canonical[i]}\n";
            results.Add(new CommandResult(0, null, $"{flags[i]}\n--\n{statLine}--\n{hashLine}{canonicalLine}", string.Empty));
        }

        return results;
    }

    /// <summary>The file fact whose path and mode a batched fact of this kind reads (a <see cref="PathStatFact"/> reads one).</summary>
    private static FileFact FileOf(IBatchedFact fact) => fact as FileFact ?? ((PathStatFact)fact).File;

    /// <summary>The batch script's mode letter: <c>h</c> hash, <c>s</c> stat only; upper case follows a symlink.</summary>
    private static string ModeOf(bool follow, bool hash) => (follow, hash) switch
    {
        (false, true) => "h",
        (false, false) => "s",
        (true, true) => "H",
        (true, false) => "S",
    };

    /// <summary>A flag line: the flag, and the target a followed symlink resolved to (after the first space).</summary>
    private static (string Flag, string? Target) FlagOf(string line) =>
        line.IndexOf(' ', StringComparison.Ordinal) is var space and >= 0 ? (line[..space], line[(space + 1)..]) : (line, null);

    /// <summary>
    /// The batch script's sections (<see cref="BatchScript"/>): a flag line per path, a stat line per existing path, a
    /// hash line per hashed file, and the canonical marks (null when the output has none); null unless the first three
    /// are complete for <paramref name="paths"/> paths.
    /// </summary>
    private static (List<string> Flags, List<string> Stats, List<string> Hashes, string? Canonical)? Sections(string stdout, int paths)
    {
        var lines = stdout.Split('\n');
        var flags = lines.TakeWhile(l => l != "--").ToList();
        var stats = lines.Skip(flags.Count + 1).TakeWhile(l => l != "--").ToList();
        var hashes = lines.Skip(flags.Count + stats.Count + 2).TakeWhile(l => l != "--").Where(l => l.Length > 0).ToList();
        var canonical = lines.Skip(flags.Count + stats.Count + 2).SkipWhile(l => l != "--").Skip(1).FirstOrDefault();
        var kinds = flags.Select(f => FlagOf(f).Flag).ToList();
        var complete = flags.Count == paths && kinds.All(f => f is "h" or "e" or "ed" or "a" or "an")
            && stats.Count == kinds.Count(f => f[0] != 'a') && hashes.Count == kinds.Count(f => f == "h")
            && hashes.All(h => h.TrimStart('\\').Length >= 64);
        return complete ? (flags, stats, hashes, canonical?.Length == paths ? canonical : null) : null;
    }
}
