using Converge.Core.Modules;

namespace Converge.Modules.Copy;

/// <summary>Params of <c>copy</c>: a controller file (<c>src</c>) or literal <c>content</c> into a file on the host.</summary>
public sealed record CopyParams
{
    /// <summary>A file on the controller; a relative path is looked up in the playbook's <c>files/</c>, then its folder.</summary>
    public string? Src { get; init; }

    /// <summary>The exact content to write, instead of <c>src</c>.</summary>
    public string? Content { get; init; }

    /// <summary>The absolute path of the file on the host.</summary>
    public required string Dest { get; init; }

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public bool Backup { get; init; }

    /// <summary>False: only create a missing file; an existing one is left exactly as it is (Ansible's <c>force: no</c>).</summary>
    [ParamAlias("thirsty")]
    public bool Force { get; init; } = true;

    /// <summary>A command run on the new file before it is put in place, <c>%s</c> being the file.</summary>
    public string? Validate { get; init; }

    /// <summary>A symlink at <c>dest</c>: false (default, as Ansible) replaces the link with the file; true writes the link's target.</summary>
    public bool Follow { get; init; }
}
