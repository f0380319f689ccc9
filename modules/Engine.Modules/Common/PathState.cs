namespace Converge.Modules.Common;

/// <summary>
/// A path's state as the file-shaped modules compare it (<see cref="FileStateModule{TParams}"/>): kind
/// (<c>file</c>, <c>directory</c>, <c>link</c>, <c>other</c>, <c>absent</c>), content hash, mode, owner, group.
/// In a desired state a null property is not managed. <see cref="Text"/> is the content as text for the
/// diff (null when binary, too large, or not read) and is not compared.
/// </summary>
public sealed record PathState(string Path, string Kind)
{
    public string? Sha256 { get; init; }

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public string? Text { get; init; }

    /// <summary>The modification time as a touch(1) stamp (or <c>now</c> when wanted), null when not read or not managed.</summary>
    public string? Modified { get; init; }

    public string? Accessed { get; init; }

    /// <summary>Where desired content comes from, for the diff header (e.g. the template file).</summary>
    public string? Label { get; init; }

    /// <summary>In a desired state: the spec it was made from, so apply need not compute it again.</summary>
    public FileSpec? Spec { get; init; }
}
