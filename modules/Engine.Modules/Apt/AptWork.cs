using Converge.Modules.InstallPkg;

namespace Converge.Modules.Apt;

/// <summary>What the check decided <c>apt</c>'s apply has to do, in Ansible's order.</summary>
public sealed record AptWork(bool RefreshCache, bool Upgrade, DebOnHost? Deb, InstallPkgWork? Packages, bool BuildDep, bool Fix, bool Autoremove);
