using System.Text.RegularExpressions;

namespace Converge.Lab;

/// <summary>
/// Finds the Debian mirror this machine already uses (its apt sources), so the image comes from the
/// same package registry; <c>CONVERGE_LAB_MIRROR</c> overrides it.
/// </summary>
public static partial class DebianMirror
{
    public const string Fallback = "http://deb.debian.org/debian";

    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("CONVERGE_LAB_MIRROR") is { Length: > 0 } configured)
        {
            return configured;
        }

        var files = new List<string> { "/etc/apt/sources.list" };
        if (Directory.Exists("/etc/apt/sources.list.d"))
        {
            files.AddRange(Directory.GetFiles("/etc/apt/sources.list.d").Order(StringComparer.Ordinal));
        }

        foreach (var file in files.Where(File.Exists))
        {
            if (FromSources(File.ReadAllText(file)) is { } mirror)
            {
                return mirror;
            }
        }

        return Fallback;
    }

    /// <summary>The first Debian main-archive URI in a sources file (one-line or deb822 format), if any.</summary>
    public static string? FromSources(string text)
    {
        foreach (Match match in Uri().Matches(text))
        {
            var uri = match.Groups["uri"].Value.TrimEnd('/');
            // The security archive carries only updates; the image needs the main archive.
            if (uri.EndsWith("/debian", StringComparison.Ordinal))
            {
                return uri;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(?:deb\s+(?:\[[^\]]*\]\s+)?|URIs:\s*)(?<uri>https?://\S+)", RegexOptions.Multiline)]
    private static partial Regex Uri();
}
