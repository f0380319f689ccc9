namespace Converge.Modules.KnownHosts;

/// <summary>A known_hosts file as read: its resolved path and its text (null when it does not exist).</summary>
public sealed record KnownHostsFile(string Path, string? Text);
