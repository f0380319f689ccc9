namespace Converge.Modules.Timezone;

/// <summary>The zone in /etc/timezone, where /etc/localtime points, whether the wanted zone's file exists, and whether systemd runs.</summary>
public sealed record TimezoneState(string? Configured, string? LocaltimeTarget, bool ZoneExists, bool Systemd);
