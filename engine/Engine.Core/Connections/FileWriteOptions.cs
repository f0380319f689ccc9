namespace Converge.Core.Connections;

/// <summary>
/// How a file is written. Writes are atomic (temp file in the same directory, fsync, rename).
/// A null mode/owner/group keeps the existing file's value, or the default for a new file.
/// </summary>
public sealed record FileWriteOptions
{
    public static FileWriteOptions Default { get; } = new();

    /// <summary>Permission bits, e.g. 0o644.</summary>
    public int? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    /// <summary>Keep a copy of the previous content beside the file (<c>path.converge-TIMESTAMP~</c>).</summary>
    public bool Backup { get; init; }

    public Become? Become { get; init; }
}
