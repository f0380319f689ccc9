using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Copy;

/// <summary>Params of <c>copy</c>: a controller file or directory (<c>src</c>), a host path (<c>remote_src</c>) or literal <c>content</c> onto the host.</summary>
public sealed record CopyParams : ISelinuxParams
{
    /// <summary>
    /// A file or directory on the controller (a relative path is looked up in <c>files/</c>, then the playbook's folder), or
    /// on the host with <see cref="RemoteSrc"/>. A directory is copied recursively: with a trailing <c>/</c> its contents go
    /// into <c>dest</c>, without one the directory itself goes into <c>dest</c>.
    /// </summary>
    public string? Src { get; init; }

    /// <summary>The exact content to write, instead of <c>src</c>.</summary>
    public string? Content { get; init; }

    /// <summary>The absolute path on the host: the file, or (ending in <c>/</c>, or for a directory <c>src</c>) the directory receiving it.</summary>
    public required string Dest { get; init; }

    /// <summary>The mode of the files written (and of <c>dest</c> for a file copy).</summary>
    public string? Mode { get; init; }

    /// <summary>In a recursive copy: the mode of every directory copied (as Ansible, existing ones too); null leaves it.</summary>
    public string? DirectoryMode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public bool Backup { get; init; }

    /// <summary>False: only create missing files; an existing one is left exactly as it is (Ansible's <c>force: no</c>).</summary>
    [ParamAlias("thirsty")]
    public bool Force { get; init; } = true;

    /// <summary>A command run on each new file before it is put in place, <c>%s</c> being the file.</summary>
    public string? Validate { get; init; }

    /// <summary>A symlink at <c>dest</c>: false (default, as Ansible) replaces the link with the file; true writes the link's target.</summary>
    public bool Follow { get; init; }

    /// <summary><c>src</c> is a path on the host: the copy happens there (a file keeps its source's mode, as Ansible's copystat).</summary>
    public bool RemoteSrc { get; init; }

    /// <summary>Accepted with its default (true, Ansible's): links in a controller <c>src</c> tree are copied as the files they point to.</summary>
    public bool LocalFollow { get; init; } = true;

    /// <summary>SELinux attributes (Ansible's common file arguments): ignored where SELinux is disabled, refused where it is enabled (<see cref="SelinuxAttributes"/>).</summary>
    public string? Seuser { get; init; }

    public string? Serole { get; init; }

    public string? Setype { get; init; }

    public string? Selevel { get; init; }
}
