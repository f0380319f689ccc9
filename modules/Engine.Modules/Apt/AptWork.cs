using Converge.Modules.InstallPkg;

namespace Converge.Modules.Apt;

/// <summary>What the check decided <c>apt</c>'s apply has to do, in Ansible's order.</summary>
public sealed record AptWork(bool RefreshCache, bool Upgrade, DebOnHost? Deb, InstallPkgWork? Packages, bool BuildDep, bool Fix, bool Autoremove)
{
    /// <summary>Named packages installed but marked automatically installed, marked manual after the install (<c>apt-mark manual</c>).</summary>
    public IReadOnlyList<string> MarkManual { get; init; } = [];
}
