namespace Converge.Modules.InstallPkg;

/// <summary>
/// A <c>.deb</c> on the controller, as a task gives it: a path, and when it comes from <c>build-deb</c>
/// also its package, version, architecture and sha256 (so nothing has to be read from the file).
/// </summary>
public sealed record DebReference(string Path)
{
    public string? Package { get; init; }

    public string? Version { get; init; }

    public string? Architecture { get; init; }

    public string? Sha256 { get; init; }
}
