namespace Converge.Modules.InstallPkg;

/// <summary>What the check decided <c>install-pkg</c>'s apply has to do, in order.</summary>
public sealed record InstallPkgWork(bool RefreshCache, IReadOnlyList<string> Install, IReadOnlyList<string> Remove, IReadOnlyList<DebFile> Debs);
