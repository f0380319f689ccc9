namespace Converge.Modules.ServiceFacts;

/// <summary>
/// What the probe read: <c>service --status-all</c> (when Ansible's SysV scan applies: <c>service</c> present, neither
/// chkconfig nor rc-status), and on a systemd host the units, the unit files and the ActiveState of each unit file.
/// Null sections were not read.
/// </summary>
public sealed record ServiceListing(string? StatusAll, string? Units, string? UnitFiles, string? ActiveStates);
