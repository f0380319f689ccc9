namespace Converge.Modules.Git;

/// <summary>
/// The checkout (whether it exists, its HEAD, the remote's URL, tracked files modified) and what the
/// version resolves to on the remote: its commit and kind (<c>branch</c>, <c>tag</c>, <c>commit</c>), and
/// for <c>HEAD</c> the remote's default branch.
/// </summary>
public sealed record GitState(bool Exists, string? Head, string? RemoteUrl, bool Dirty, string? Target, string Kind, string? Branch);
