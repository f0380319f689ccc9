using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Files;

/// <summary>Params of <c>file</c>: the state of one path on the host (Ansible's <c>file</c> plus <c>content</c>).</summary>
public sealed record FileParams : ISelinuxParams
{
    /// <summary>The absolute path on the host.</summary>
    [ParamAlias("dest", "name")]
    public required string Path { get; init; }

    /// <summary><c>file</c> (default), <c>directory</c>, <c>absent</c>, <c>touch</c>, <c>link</c> or <c>hard</c>.</summary>
    public string State { get; init; } = "file";

    /// <summary>The exact content of the file (state file only); null leaves the content alone.</summary>
    public string? Content { get; init; }

    /// <summary>Octal (<c>"0644"</c>, quoted) or symbolic (<c>"u=rw,g=r,o=r"</c>); null leaves the mode alone.</summary>
    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    /// <summary>A symlink at the path: true (default, as Ansible) manages its target; false manages the link itself.</summary>
    public bool Follow { get; init; } = true;

    /// <summary>With <c>state: link|hard</c>: what the link points to (a symlink's text as given; relative to the link's directory).</summary>
    public string? Src { get; init; }

    /// <summary>With <c>state: link</c>: replace a regular file, or link to a missing <c>src</c>.</summary>
    public bool Force { get; init; }

    /// <summary>Keep the previous content beside the file when the content is replaced.</summary>
    public bool Backup { get; init; }

    /// <summary>With <c>state: directory</c>: mode, owner and group apply to everything under the directory too.</summary>
    public bool Recurse { get; init; }

    /// <summary><c>preserve</c> (default: not managed), <c>now</c> (set every run, as Ansible), or a time in <see cref="ModificationTimeFormat"/>.</summary>
    public string ModificationTime { get; init; } = "preserve";

    /// <summary>Python's strftime format of <see cref="ModificationTime"/> (<c>%Y%m%d%H%M.%S</c>, as Ansible).</summary>
    public string ModificationTimeFormat { get; init; } = FileTimes.DefaultFormat;

    /// <summary><c>preserve</c> (default), <c>now</c>, or a time in <see cref="AccessTimeFormat"/>.</summary>
    public string AccessTime { get; init; } = "preserve";

    public string AccessTimeFormat { get; init; } = FileTimes.DefaultFormat;

    /// <summary>SELinux attributes (Ansible's common file arguments): ignored where SELinux is disabled, refused where it is enabled (<see cref="SelinuxAttributes"/>).</summary>
    public string? Seuser { get; init; }

    public string? Serole { get; init; }

    public string? Setype { get; init; }

    public string? Selevel { get; init; }
}
