namespace Converge.Modules.InstallPkg;

/// <summary>
/// A package as dpkg knows it on the host. <see cref="Status"/> is dpkg's <c>db:Status-Status</c>
/// (<c>installed</c>, <c>config-files</c>, <c>half-installed</c>, …); <see cref="RecordedSha256"/> is the
/// sha256 of the <c>.deb</c> it was last installed from by <c>install-pkg</c>, if any.
/// </summary>
public sealed record InstalledPackage(string Name, string Version, string Architecture, string Status)
{
    public string? RecordedSha256 { get; init; }

    public bool IsInstalled => Status == "installed";

    public string Describe() => IsInstalled ? $"{Version} {Architecture}" : Status;
}
