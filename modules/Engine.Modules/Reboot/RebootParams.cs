namespace Converge.Modules.Reboot;

/// <summary>
/// Params of <c>reboot</c>: reboot the host and wait until it is back with a new boot id. Times are seconds.
/// As a handler with <c>throttle: 1</c> it reboots a group one host at a time.
/// </summary>
public sealed record RebootParams
{
    /// <summary>The shell command that reboots; it runs in the background a second after the task's command returns.</summary>
    public string RebootCommand { get; init; } = "reboot";

    /// <summary>The file whose content changes with every boot (the kernel's random boot id).</summary>
    public string BootIdPath { get; init; } = "/proc/sys/kernel/random/boot_id";

    /// <summary>A shell command that must succeed once the host is back (retried until <see cref="RebootTimeout"/>).</summary>
    public string TestCommand { get; init; } = "whoami";

    /// <summary>How long the whole reboot may take, from issuing it to a passing <see cref="TestCommand"/>.</summary>
    public long RebootTimeout { get; init; } = 600;

    /// <summary>Wait this long before issuing the reboot.</summary>
    public long PreRebootDelay { get; init; }

    /// <summary>Wait this long after the new boot id is seen, before the test command.</summary>
    public long PostRebootDelay { get; init; }

    /// <summary>How long one boot id probe may take, so a host that hangs while shutting down is retried rather than waited on.</summary>
    public long ConnectTimeout { get; init; } = 30;
}
