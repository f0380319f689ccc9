namespace Converge.Modules.Unarchive;

/// <summary>Which tool reads an archive, from its name (as Ansible picks its handler): zip, or GNU tar (which detects the compression itself).</summary>
public static class ArchiveFormat
{
    private static readonly string[] Tar = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz"];

    public static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    public static bool IsKnown(string name) => IsZip(name) || Tar.Any(t => name.EndsWith(t, StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>--strip-components=N</c> of <c>extra_opts</c> (tar's option; 0 without it), applied to member names when comparing.</summary>
    public static int StripComponents(IReadOnlyList<string> extraOpts)
    {
        for (var i = 0; i < extraOpts.Count; i++)
        {
            var option = extraOpts[i];
            var value = option.StartsWith("--strip-components=", StringComparison.Ordinal) ? option["--strip-components=".Length..]
                : option == "--strip-components" && i + 1 < extraOpts.Count ? extraOpts[i + 1] : null;
            if (value is not null && int.TryParse(value, out var n))
            {
                return n;
            }
        }

        return 0;
    }

    /// <summary>A member's path after stripping <paramref name="strip"/> leading components; null when nothing is left (tar skips it).</summary>
    public static string? Strip(string path, int strip)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length <= strip ? null : string.Join('/', parts.Skip(strip));
    }
}
