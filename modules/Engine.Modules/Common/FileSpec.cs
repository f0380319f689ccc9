namespace Converge.Modules.Common;

/// <summary>
/// What a file-shaped module wants for one path: its kind (<c>file</c>, <c>directory</c>, <c>absent</c>),
/// content (null: not managed), mode (octal or symbolic, null: not managed), owner and group.
/// </summary>
public sealed record FileSpec(string Path, string Kind)
{
    public FileContent? Content { get; init; }

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    /// <summary>Keep the previous content beside the file when it is replaced.</summary>
    public bool Backup { get; init; }

    /// <summary>
    /// The path must already exist (line without create): when it is missing the plan is assumed (an
    /// earlier task may create it, which check mode cannot see) and apply fails with <see cref="MissingMessage"/>.
    /// </summary>
    public bool MustExist { get; init; }

    public string MissingMessage => $"{Path} does not exist; set create: true to create it";

    /// <summary>
    /// When the path is a directory (or a symlink to one), the file goes inside it under this name, as
    /// Ansible's <c>copy</c>/<c>template</c> do with <c>src</c> (the source's file name), and as <c>cp</c> does.
    /// </summary>
    public string? IntoDirectory { get; init; }

    /// <summary>Create missing parent directories before writing (Ansible's <c>lineinfile</c> with <c>create</c>); otherwise a missing parent fails the task.</summary>
    public bool CreateParents { get; init; }

    /// <summary>Where the content comes from, for the diff header.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Ansible's <c>validate</c>: a command with <c>%s</c> run on a temporary copy of the new content before
    /// it is put in place (e.g. <c>visudo -cf %s</c>); a failure leaves the file untouched.
    /// </summary>
    public string? Validate { get; init; }

    /// <summary>The modification time wanted: a touch(1) <c>-t</c> stamp, <see cref="FileTimes.Now"/>, or null (not managed).</summary>
    public string? ModificationTime { get; init; }

    /// <summary>The access time wanted, as <see cref="ModificationTime"/>.</summary>
    public string? AccessTime { get; init; }

    public bool ManagesTimes => ModificationTime is not null || AccessTime is not null;
}
