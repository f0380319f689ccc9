namespace Converge.Modules.BuildDeb;

/// <summary>One built package: where it is on the controller and what it is.</summary>
public sealed record DebArtifact(string Path, string File, string Package, string Version, string Architecture, string Sha256)
{
    /// <summary>The artifact as <c>register:</c> shows it (and as <c>install-pkg</c>'s <c>deb:</c> reads it).</summary>
    public Dictionary<string, object?> ToOutput() => new(StringComparer.Ordinal)
    {
        ["path"] = Path,
        ["file"] = File,
        ["package"] = Package,
        ["version"] = Version,
        ["architecture"] = Architecture,
        ["sha256"] = Sha256,
    };
}
