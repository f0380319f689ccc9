namespace Converge.Modules.DpkgSelections;

/// <summary>Params of <c>dpkg_selections</c>, Ansible's names: a package's dpkg selection state.</summary>
public sealed record DpkgSelectionsParams
{
    /// <summary>The package.</summary>
    public required string Name { get; init; }

    /// <summary><c>install</c>, <c>hold</c>, <c>deinstall</c> or <c>purge</c>.</summary>
    public required string Selection { get; init; }
}
