namespace Converge.Modules.InstallPkg;

/// <summary>A <c>.deb</c> on the controller with what decides whether it is installed on a host.</summary>
public sealed record DebFile(string LocalPath, string Package, string Version, string Architecture, string Sha256)
{
    public string FileName => System.IO.Path.GetFileName(LocalPath);

    public string Describe() => $"{Version} {Architecture} (sha256 {Sha256[..12]})";
}
