namespace Converge.Modules.Unarchive;

/// <summary>Params of <c>unarchive</c> (Ansible's names): a tar (plain, gz, bz2, xz) or zip archive extracted into a directory on the host.</summary>
public sealed record UnarchiveParams
{
    /// <summary>
    /// The archive: on the controller (looked up in <c>files/</c>, then the playbook's folder), or on the host with
    /// <see cref="RemoteSrc"/>, or a URL the host downloads (with <see cref="RemoteSrc"/>, as in Ansible).
    /// </summary>
    public required string Src { get; init; }

    /// <summary>The existing directory on the host the archive is extracted into.</summary>
    public required string Dest { get; init; }

    /// <summary><c>src</c> is already on the host.</summary>
    public bool RemoteSrc { get; init; }

    /// <summary>Ansible's deprecated inverse of <see cref="RemoteSrc"/>: <c>copy: no</c> means the archive is on the host.</summary>
    public bool Copy { get; init; } = true;

    /// <summary>Whether the archive is on the host (<c>remote_src: yes</c> or <c>copy: no</c>).</summary>
    public bool OnHost => RemoteSrc || !Copy;

    /// <summary>Skip the task when this path exists on the host.</summary>
    public string? Creates { get; init; }

    /// <summary>More options for tar or unzip (a list), e.g. <c>--strip-components=1</c>.</summary>
    public IReadOnlyList<string> ExtraOpts { get; init; } = [];

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    /// <summary>Register the archive's member names as <c>files</c>.</summary>
    public bool ListFiles { get; init; }
}
