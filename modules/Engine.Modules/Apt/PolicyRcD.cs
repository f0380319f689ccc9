using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Apt;

/// <summary>
/// Ansible's <c>policy_rc_d</c> (apt.py's PolicyRcD context manager): for the package work, <c>/usr/sbin/policy-rc.d</c>
/// is a script that exits with the given code, so invoke-rc.d does not start the services a package installs
/// (101: "action forbidden", see invoke-rc.d(8) and /usr/share/doc/init-system-helpers/README.policy-rc.d);
/// a policy-rc.d the host already had is moved aside first and put back after, and none is left behind otherwise.
/// </summary>
public sealed class PolicyRcD(ModuleContext context, int exitCode)
{
    public const string Path = "/usr/sbin/policy-rc.d";

    private const string Enter =
        """
        set -e
        backup=$(mktemp -d /tmp/converge-policy-rc.d.XXXXXX)
        if [ -e "$1" ] || [ -L "$1" ]; then mv "$1" "$backup/policy-rc.d"; fi
        printf '#!/bin/sh\nexit %d\n' "$2" > "$1"
        chmod 0755 "$1"
        echo "$backup"
        """;

    private const string Exit =
        """
        set -e
        if [ -e "$2/policy-rc.d" ] || [ -L "$2/policy-rc.d" ]; then mv "$2/policy-rc.d" "$1"; else rm -f "$1"; fi
        rmdir "$2"
        """;

    /// <summary>Runs <paramref name="work"/> with the policy in place, and restores what was there even when the work fails.</summary>
    public async Task RunAsync(Func<Task> work, CancellationToken ct)
    {
        var entered = await HostCommand.RunAsync(context, CommandSpec.Change("/bin/sh", "-c", Enter, "converge-policy-rc.d", Path, exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        var backup = entered.Stdout.Trim();
        try
        {
            await work();
        }
        finally
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("/bin/sh", "-c", Exit, "converge-policy-rc.d", Path, backup), CancellationToken.None);
        }
    }
}
