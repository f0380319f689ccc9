using Converge.Core.Modules;

namespace Converge.Modules.IncludeVars;

/// <summary>Params of <c>include_vars</c> (Ansible's): a vars file, or every vars file of a folder, read on the controller.</summary>
public sealed record IncludeVarsParams
{
    /// <summary>The file; relative, looked up in the role's <c>vars/</c> and folder, then the playbook's <c>vars/</c> and folder.</summary>
    [FreeForm]
    public string? File { get; init; }

    /// <summary>A folder whose files (sorted by name, <see cref="Depth"/> deep) are read in turn.</summary>
    public string? Dir { get; init; }

    /// <summary>Put the variables under this one name instead of at the top level.</summary>
    public string? Name { get; init; }

    /// <summary>With <see cref="Dir"/>: only files whose name matches this regular expression.</summary>
    public string? FilesMatching { get; init; }

    /// <summary>With <see cref="Dir"/>: how many folder levels to read (0: all).</summary>
    public int Depth { get; init; }

    /// <summary>With <see cref="Dir"/>: the file extensions read.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = ["yaml", "yml", "json"];

    /// <summary>With <see cref="Dir"/>: skip files of other extensions instead of failing, as Ansible does by default.</summary>
    public bool IgnoreUnknownExtensions { get; init; }
}
