using Converge.Core.Modules;

namespace Converge.Modules.Service;

/// <summary>Params of <c>service</c> (Ansible's names): whether a systemd or SysV service runs and starts at boot.</summary>
public sealed record ServiceParams
{
    /// <summary>The service name (<c>nginx</c>; a systemd unit name such as <c>nginx.service</c> also works).</summary>
    public required string Name { get; init; }

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

    /// <summary>Seconds between stop and start of a restart; not supported (init scripts and systemd restart atomically).</summary>
    public long? Sleep { get; init; }
}
