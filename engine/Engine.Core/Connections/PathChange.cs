namespace Converge.Core.Connections;

/// <summary>
/// One path a change says it touched, so the host's facts about unrelated paths stay cached
/// (<see cref="Facts.FactCache.Invalidate(IReadOnlyList{PathChange})"/>). A change that declares nothing may have changed anything. A declared
/// change leaves a directory, a file with one link, or nothing at its path: a change that makes a symlink or a hard
/// link declares nothing, since what the new name shows is then what another name shows.
/// </summary>
/// <param name="Path">The path as the change names it.</param>
/// <param name="EntryOnly">
/// True when the change only creates, replaces or removes the name itself and what lies under it (rename,
/// mkdir, unlink, <c>rm -r</c>), never following a symlink at the path nor touching a file other names share;
/// false when it changes what the name points to (chmod, chown, touch, a write in place), which a symlink or a
/// hard link would carry to other names.
/// </param>
/// <param name="MakesDirectory">True when, once the command succeeds, a directory is there (<c>mkdir</c>).</param>
public sealed record PathChange(string Path, bool EntryOnly, bool MakesDirectory = false)
{
    /// <summary>The name itself is created, replaced or removed (with everything under it).</summary>
    public static PathChange Entry(string path) => new(path, EntryOnly: true);

    /// <summary>A directory is created at the path unless one is there (<c>mkdir -p</c> of a path whose directory exists).</summary>
    public static PathChange Directory(string path) => new(path, EntryOnly: true, MakesDirectory: true);

    /// <summary>What the name points to is changed (its content, mode, owner or times), and anything under it.</summary>
    public static PathChange Object(string path) => new(path, EntryOnly: false);
}
