using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Modules.ConfigureDocker;

/// <summary>Whether the host runs systemd as PID 1 (its units ignore /etc/default/docker's DOCKER_OPTS unless they source it).</summary>
public sealed class InitSystemFact : Fact<bool>
{
    public override CommandSpec Command => CommandSpec.Probe("cat", "/proc/1/comm");

    public override bool Parse(CommandResult result) => result.Succeeded && result.Stdout.Trim() == "systemd";
}
