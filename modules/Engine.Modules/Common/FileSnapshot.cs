using Converge.Core.Connections;

namespace Converge.Modules.Common;

/// <summary>
/// A path on the host as <see cref="FileFact"/> saw it: its stat (null when absent), the sha256 of a
/// readable regular file, and the numeric owner and group (to compare with numeric <c>owner:</c> values).
/// </summary>
public sealed record FileSnapshot(string Path, FileStat? Stat, string? Sha256, string? Uid, string? Gid)
{
    public bool Exists => Stat is not null;

    /// <summary>When the fact followed a symlink: the path it resolved to, which the rest describes.</summary>
    public string? Target { get; init; }

    /// <summary>The path is a symlink (not followed) to a directory.</summary>
    public bool PointsToDirectory { get; init; }

    /// <summary>The path is absent and so is the directory that would hold it.</summary>
    public bool ParentMissing { get; init; }

    public static FileSnapshot Absent(string path) => new(path, null, null, null, null);
}
