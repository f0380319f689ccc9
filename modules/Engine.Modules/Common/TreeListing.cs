namespace Converge.Modules.Common;

/// <summary>
/// A directory tree as <see cref="TreeFact"/> read it: <see cref="Kind"/> is <c>directory</c>, <c>absent</c> or
/// <c>other</c> (the path exists and is not a directory); <see cref="Entries"/> are everything under a directory, by
/// relative path (<c>a/b.conf</c>).
/// </summary>
public sealed record TreeListing(string Path, string Kind, IReadOnlyDictionary<string, TreeEntry> Entries)
{
    public bool IsDirectory => Kind == "directory";
}
