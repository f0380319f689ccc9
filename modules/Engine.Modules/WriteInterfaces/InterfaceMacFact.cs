using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Modules.WriteInterfaces;

/// <summary>The MAC address of a network interface, from sysfs; null when the interface does not exist.</summary>
public sealed class InterfaceMacFact(string interfaceName) : Fact<string?>
{
    public override CommandSpec Command => CommandSpec.Probe("cat", $"/sys/class/net/{interfaceName}/address");

    public override string? Parse(CommandResult result)
    {
        var text = result.Stdout.Trim();
        return result.Succeeded && text.Length == 17 ? text.ToLowerInvariant() : null;
    }
}
