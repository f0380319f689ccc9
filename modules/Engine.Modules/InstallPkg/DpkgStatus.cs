namespace Converge.Modules.InstallPkg;

/// <summary>What <see cref="DpkgStatusFact"/> found: the packages dpkg knows, apt's candidates, the apt cache's age.</summary>
public sealed record DpkgStatus(
    IReadOnlyDictionary<string, InstalledPackage> Packages,
    IReadOnlyDictionary<string, string> Candidates,
    long? CacheAgeSeconds)
{
    /// <summary>The installed instance of a package (by name, ignoring an <c>:arch</c> qualifier), or null.</summary>
    public InstalledPackage? Installed(string name) =>
        Packages.TryGetValue(BaseName(name), out var package) && package.IsInstalled ? package : null;

    public InstalledPackage? Known(string name) => Packages.GetValueOrDefault(BaseName(name));

    /// <summary>The asked packages apt marks as automatically installed (read only when asked for).</summary>
    public IReadOnlySet<string> AutoInstalled { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public static string BaseName(string name) => name.Split(':')[0];
}
