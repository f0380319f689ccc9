using System.Text.Json;

namespace Converge.Modules.BuildDeb;

/// <summary>
/// What the build host remembers of the last build in its work folder: the hash of the source and of the
/// options it was built from, and the packages it produced (file, package, version, architecture, sha256).
/// </summary>
public sealed record BuildStamp(string SourceSha256, string OptionsSha256, IReadOnlyList<BuildStamp.Built> Artifacts)
{
    public string ToJson() => JsonSerializer.Serialize(this, BuildStampJson.Default.BuildStamp) + "\n";

    /// <summary>The stamp, or null when there is none or it cannot be read (then the build runs again).</summary>
    public static BuildStamp? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, BuildStampJson.Default.BuildStamp);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One produced .deb as the build host saw it.</summary>
    public sealed record Built(string File, string Package, string Version, string Architecture, string Sha256);
}
