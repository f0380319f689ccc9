using Converge.Core.Modules;

namespace Converge.Modules.Service;

/// <summary>Params of <c>service</c> (Ansible's names): whether a systemd or SysV service runs and starts at boot.</summary>
public sealed record ServiceParams
{
    /// <summary>The service name (<c>nginx</c>; a systemd unit name such as <c>nginx.service</c> also works); optional with only <see cref="DaemonReload"/>.</summary>
    public string? Name { get; init; }

    /// <summary><c>started</c>, <c>stopped</c>, <c>restarted</c> or <c>reloaded</c>; null leaves it alone.</summary>
    public string? State { get; init; }

    /// <summary>Start at boot; null leaves it alone.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Extra words for a SysV init script's action (<c>/etc/init.d/NAME start ARGS</c>); systemd takes none.</summary>
    [ParamAlias("args")]
    public string? Arguments { get; init; }

    /// <summary><c>auto</c> (what the host runs), <c>systemd</c>, <c>sysvinit</c> or <c>service</c>; a mismatch with the host fails the check.</summary>
    public string Use { get; init; } = "auto";

    /// <summary>Ansible's process-table fallback; not supported (Converge reads the init system's own status).</summary>
    public string? Pattern { get; init; }

    /// <summary>OpenRC's runlevel; not supported (Converge manages Debian-family hosts).</summary>
    public string? Runlevel { get; init; }

    /// <summary>
    /// Seconds between the stop and the start of <c>restarted</c> on a SysV host (Ansible's service module then
    /// stops, sleeps and starts); ignored on systemd, where Ansible's service action drops it with a warning.
    /// </summary>
    public long? Sleep { get; init; }

    /// <summary>
    /// <c>systemctl daemon-reload</c> first: Ansible's service action hands the task to the systemd module on a
    /// systemd host, which takes it (always a change); a SysV host has no daemon to reload, so it is an error there.
    /// </summary>
    [ParamAlias("daemon-reload")]
    public bool DaemonReload { get; init; }
}
