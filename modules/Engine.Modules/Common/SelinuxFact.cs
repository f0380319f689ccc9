using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// Whether SELinux is enabled on the host, as libselinux's <c>is_selinux_enabled()</c> decides (which Ansible asks): the
/// selinuxfs is mounted with its <c>enforce</c> file (enforcing or permissive). Debian and Ubuntu run without it.
/// </summary>
public sealed class SelinuxFact : Fact<bool>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", "if [ -e /sys/fs/selinux/enforce ]; then echo enabled; else echo disabled; fi");

    public override bool Parse(CommandResult result) => result.Stdout.Trim() == "enabled";
}
