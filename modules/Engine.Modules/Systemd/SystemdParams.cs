using Converge.Core.Modules;

namespace Converge.Modules.Systemd;

/// <summary>
/// Params of <c>systemd</c> (<c>systemd_service</c>), Ansible's names and defaults: a unit started,
/// stopped, restarted or reloaded, enabled or disabled, masked or unmasked, and an optional daemon-reload first.
/// </summary>
public sealed record SystemdParams
{
    /// <summary>
    /// The unit (<c>nginx</c> means <c>nginx.service</c>); optional when only <c>daemon_reload</c> or <c>daemon_reexec</c> is asked.
    /// Alone, it reads the unit's state into <c>register:</c> (<c>status</c>) and changes nothing.
    /// </summary>
    [ParamAlias("service", "unit")]
    public string? Name { get; init; }

    /// <summary><c>started</c>, <c>stopped</c>, <c>restarted</c> or <c>reloaded</c>; null leaves it alone.</summary>
    public string? State { get; init; }

    /// <summary>Start at boot; null leaves it alone.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Masked (cannot be started at all); null leaves it alone.</summary>
    public bool? Masked { get; init; }

    /// <summary>Run <c>systemctl daemon-reload</c> before anything else (always a change: it reloads every unit file).</summary>
    [ParamAlias("daemon-reload")]
    public bool DaemonReload { get; init; }

    /// <summary>Run <c>systemctl daemon-reexec</c> before anything else (always a change).</summary>
    [ParamAlias("daemon-reexec")]
    public bool DaemonReexec { get; init; }

    /// <summary><c>system</c> (default), <c>user</c> (the connection's user manager) or <c>global</c> (every user's).</summary>
    public string Scope { get; init; } = "system";

    /// <summary>Pass <c>--no-block</c>: do not wait for the job to finish.</summary>
    public bool NoBlock { get; init; }

    /// <summary>Pass <c>--force</c> to enable/mask, replacing conflicting symlinks.</summary>
    public bool Force { get; init; }
}
