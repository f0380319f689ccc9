namespace Converge.Modules.Apt;

/// <summary>A <c>.deb</c> file on the host and the version of its package installed now (null: not installed).</summary>
public sealed record DebOnHost(string Path, string Package, string Version, string Architecture, string? InstalledVersion);
