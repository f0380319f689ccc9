namespace Converge.Modules.InstallPkg;

/// <summary>One apt package as a task names it: <c>name</c> or pinned <c>name=version</c>.</summary>
public sealed record PackageRequest(string Name, string? Version)
{
    public static PackageRequest Parse(string text)
    {
        var parts = text.Split('=', 2);
        return new PackageRequest(parts[0].Trim(), parts.Length == 2 ? parts[1].Trim() : null);
    }

    /// <summary>
    /// Whether an installed version satisfies the request: any version without a pin; with one, the same version, or
    /// one the pin matches as an fnmatch pattern (<c>20.*</c>), as Ansible's apt compares them.
    /// </summary>
    public bool AcceptsVersion(string installed) =>
        Version is null || installed == Version || (Common.Fnmatch.HasWildcard(Version) && Common.Fnmatch.IsMatch(installed, Version));

    /// <summary>The argument apt-get takes: <c>name</c> or <c>name=version</c> (apt-get matches a wildcard version itself, picking the newest that fits).</summary>
    public string AptArgument => Version is null ? Name : $"{Name}={Version}";

    /// <summary>Debian package names (Policy 5.6.1) with an optional <c>:arch</c> qualifier.</summary>
    public bool IsValid =>
        System.Text.RegularExpressions.Regex.IsMatch(Name, "^[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?$")
        && (Version is null || System.Text.RegularExpressions.Regex.IsMatch(Version, "^[A-Za-z0-9.+~:*?\\[\\]!-]+$"));
}
