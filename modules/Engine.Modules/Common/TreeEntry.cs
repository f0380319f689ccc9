namespace Converge.Modules.Common;

/// <summary>
/// One path under a directory as <see cref="TreeFact"/> lists it: its path relative to the directory, its type as
/// find(1) prints it (<c>f</c> file, <c>d</c> directory, <c>l</c> symlink, others), permission bits, owner and group
/// by name and number, and the sha256 of a regular file when the listing hashes.
/// </summary>
public sealed record TreeEntry(string Path, char Type, int Mode, string Owner, string Group, string Uid, string Gid)
{
    public string? Sha256 { get; init; }

    public bool IsDirectory => Type == 'd';

    public bool IsFile => Type == 'f';

    public string ModeOctal => FileModes.Format(Mode);
}
