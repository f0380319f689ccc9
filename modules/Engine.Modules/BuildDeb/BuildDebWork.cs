namespace Converge.Modules.BuildDeb;

/// <summary>
/// What the check decided for apply: where the build happens, the hashes its stamp will carry, and whether
/// only the download is missing (the build host still holds the same build's files).
/// </summary>
public sealed record BuildDebWork(string Name, string WorkDir, string? LocalTarball, string SourceSha256, string OptionsSha256)
{
    /// <summary>The current stamp when source and options match and only the controller's copies are missing.</summary>
    public BuildStamp? DownloadOnly { get; init; }

    public string TreeDir => $"{WorkDir}/tree";

    public string StampPath => $"{WorkDir}/converge-build.json";
}
