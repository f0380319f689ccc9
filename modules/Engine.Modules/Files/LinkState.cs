namespace Converge.Modules.Files;

/// <summary>
/// A link task's view of the host: the path's kind, a symlink's target, the path's and the source's <c>dev:inode</c>
/// (null: absent), and the source's permission bits (what a symlink's mode is, as the kernel and Ansible see it).
/// </summary>
public sealed record LinkState(string Kind, string? Target, string? Inode, string? SourceInode, int? SourceMode = null, bool SourceIsDirectory = false);
