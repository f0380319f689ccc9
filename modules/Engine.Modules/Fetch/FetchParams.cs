namespace Converge.Modules.Fetch;

/// <summary>Params of <c>fetch</c> (Ansible's): a file copied from the host to the controller.</summary>
public sealed record FetchParams
{
    /// <summary>The file on the host (a file, not a directory).</summary>
    public required string Src { get; init; }

    /// <summary>A controller directory (relative: to the playbook's folder); the file lands in <c>DEST/HOST/SRC</c>, or with <c>flat</c> at <c>dest</c> itself.</summary>
    public required string Dest { get; init; }

    /// <summary><c>dest</c> is the file (or, ending in <c>/</c>, the directory that gets the source's base name).</summary>
    public bool Flat { get; init; }

    /// <summary>A missing source fails the task (default, as Ansible); false skips it.</summary>
    public bool FailOnMissing { get; init; } = true;

    /// <summary>The copy must have the source's sha256, else the task fails and the copy is discarded.</summary>
    public bool ValidateChecksum { get; init; } = true;
}
