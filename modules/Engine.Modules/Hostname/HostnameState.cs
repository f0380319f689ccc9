namespace Converge.Modules.Hostname;

/// <summary>The running host name, the one in /etc/hostname (null when the file is missing) and whether systemd runs.</summary>
public sealed record HostnameState(string Current, string? Permanent, bool Systemd);
