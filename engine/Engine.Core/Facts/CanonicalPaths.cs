using Converge.Core.Connections;

namespace Converge.Core.Facts;

/// <summary>
/// The paths of one host that probes showed to be canonical (<see cref="IFact.PathsRead"/>), and so their ancestors,
/// which are directories. A change can be matched against cached facts by its paths only when they are known this
/// way: a path through a symlink, or a file with other hard links, can change what another name shows. Not
/// thread-safe; <see cref="FactCache"/> holds its lock around it.
/// </summary>
internal sealed class CanonicalPaths
{
    // Known canonical paths, each with whether it was an existing directory.
    private readonly Dictionary<string, bool> _paths = new(StringComparer.Ordinal);

    public void Add(IEnumerable<PathRead> paths)
    {
        foreach (var read in paths.Where(p => HostPath.IsClean(p.Path)))
        {
            _paths[read.Path] = read.IsDirectory;
        }
    }

    /// <summary>
    /// True when the change's path is known canonical, or, for a change of the entry only (a rename, mkdir or unlink,
    /// which neither follows a symlink at the path nor writes into a shared file), when its directory is known to exist
    /// canonical (it was one, or a known path lies under it: a path known by itself may be one that does not exist,
    /// which <c>mkdir -p</c> below it would create).
    /// </summary>
    public bool Cover(PathChange change) =>
        HostPath.IsClean(change.Path) && (Knows(change.Path) || (change.EntryOnly && KnowsDirectory(HostPath.Parent(change.Path))));

    /// <summary>
    /// After a change of <paramref name="path"/>'s entry, what was under it may be gone (and <c>mkdir -p</c> would
    /// create it again with its parents): forget it. The path itself stays canonical, since a declared change leaves
    /// a directory, a new file or nothing there (<see cref="PathChange"/>).
    /// </summary>
    public void ForgetUnder(string path)
    {
        foreach (var known in _paths.Keys.Where(p => HostPath.IsWithin(p, path)).ToList())
        {
            if (known == path)
            {
                _paths[known] = false;
            }
            else
            {
                _paths.Remove(known);
            }
        }
    }

    /// <summary>After a successful mkdir of a known path: it is a directory now.</summary>
    public void MarkDirectory(string path)
    {
        if (_paths.ContainsKey(path))
        {
            _paths[path] = true;
        }
    }

    public void Clear() => _paths.Clear();

    private bool Knows(string path) => _paths.Keys.Any(p => HostPath.IsWithin(p, path));

    private bool KnowsDirectory(string path) => _paths.GetValueOrDefault(path) || _paths.Keys.Any(p => p != path && HostPath.IsWithin(p, path));
}
