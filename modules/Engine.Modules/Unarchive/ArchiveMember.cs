namespace Converge.Modules.Unarchive;

/// <summary>One member of an archive: its path relative to <c>dest</c>, whether it is a directory, and a regular file's sha256.</summary>
public sealed record ArchiveMember(string Path, bool IsDirectory, string? Sha256);
