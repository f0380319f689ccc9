namespace Converge.Modules.Copy;

/// <summary>
/// One path a recursive (or host-side) copy makes on the host: a directory, or a file with its source's sha256 and where
/// it comes from (a controller file, or a path on the host with <c>remote_src</c>). <see cref="Mode"/> is what the path
/// should have (null: not managed), <see cref="Managed"/> false for a directory that need only exist (the <c>dest</c> a
/// trailing-slash copy fills, which Ansible creates but does not give the task's attributes).
/// </summary>
public sealed record CopyItem(string Dest, bool IsDirectory)
{
    /// <summary>Ansible's <c>mode: preserve</c>: the source's mode.</summary>
    public const string Preserve = "preserve";

    public string? Sha256 { get; init; }

    public string? LocalPath { get; init; }

    public string? RemotePath { get; init; }

    public string? Mode { get; init; }

    public bool Managed { get; init; } = true;

    /// <summary>
    /// The mode a directory gets when the copy creates it: <c>directory_mode</c> for the <c>dest</c> a trailing-slash copy
    /// fills (Ansible creates it with that mode and leaves an existing one), a host tree's own mode (copytree keeps it).
    /// </summary>
    public string? CreateMode { get; init; }

    /// <summary>A host file copied with its source's mode and times (a tree, as shutil.copytree does); otherwise a new file gets the umask's mode and an existing one keeps its own.</summary>
    public bool PreserveMode { get; init; }
}
