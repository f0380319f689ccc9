namespace Converge.Modules.Reboot;

/// <summary>
/// Params of <c>reboot</c>: reboot the host and wait until it is back with a new boot id. Times are seconds.
/// As a handler with <c>throttle: 1</c> it reboots a group one host at a time.
/// </summary>
public sealed record RebootParams
{
    /// <summary>The shell command that reboots; it runs in the background a second after the task's command returns.</summary>
    public string RebootCommand { get; init; } = "reboot";

    /// <summary>Converge's older spelling of <see cref="BootTimeCommand"/>: a file whose content changes with every boot.</summary>
    public string? BootIdPath { get; init; }

    /// <summary>A shell command whose output changes with every boot (Ansible's name and default).</summary>
    public string? BootTimeCommand { get; init; }

    /// <summary>Broadcast to logged-in users with <c>wall</c> (when the host has it) before the reboot.</summary>
    public string Msg { get; init; } = "Reboot initiated by Converge";

    /// <summary>Folders searched for the reboot command, ahead of the login PATH (Ansible's default list).</summary>
    public IReadOnlyList<string> SearchPaths { get; init; } = ["/sbin", "/bin", "/usr/sbin", "/usr/bin", "/usr/local/sbin"];

    /// <summary>The command that prints the boot id: <see cref="BootTimeCommand"/>, else <c>cat</c> of <see cref="BootIdPath"/>.</summary>
    public string BootIdCommand => BootTimeCommand ?? "cat " + Converge.Core.Connections.ShellQuote.Quote(BootIdPath ?? "/proc/sys/kernel/random/boot_id");

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
