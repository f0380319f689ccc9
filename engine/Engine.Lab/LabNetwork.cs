using System.Globalization;

namespace Converge.Lab;

/// <summary>
/// The addresses and names of one lab's network: the private /24 <c>10.222.X.0/24</c> (never routed
/// beyond the machine), the switch namespace with its bridge, and the controller's interface into it.
/// Hosts get fixed addresses and MACs derived from their index, so a host keeps them across reboots.
/// </summary>
public sealed record LabNetwork(string LabName, int SubnetIndex)
{
    public const int FirstHostOctet = 10;

    public string Prefix => $"10.222.{SubnetIndex}";

    public string Subnet => Prefix + ".0/24";

    public string ControllerAddress => Prefix + ".1";

    /// <summary>The controller's end of the link into the switch, in the machine's own namespace.</summary>
    public string ControllerInterface => "cvlab" + SubnetIndex.ToString(CultureInfo.InvariantCulture);

    public string SwitchNamespace => $"converge-{LabName}-switch";

    public string HostNamespace(string host) => $"converge-{LabName}-{host}";

    /// <summary>The host at <paramref name="index"/> (0 = builder, 1.. = mesh hosts).</summary>
    public LabHost Host(string name, string group, int index)
    {
        var octet = FirstHostOctet + index;
        var mac = string.Create(CultureInfo.InvariantCulture, $"02:00:0a:de:{SubnetIndex:x2}:{octet:x2}");
        return new LabHost(name, group, $"{Prefix}.{octet}", mac);
    }

    /// <summary>The hosts of a spec: <c>node1..nodeN</c> in group <c>mesh</c>, and <c>builder</c> when asked.</summary>
    public IReadOnlyList<LabHost> Hosts(LabSpec spec)
    {
        var hosts = new List<LabHost>();
        if (spec.Builder)
        {
            hosts.Add(Host("builder", "builder", 0));
        }

        for (var i = 1; i <= spec.Hosts; i++)
        {
            hosts.Add(Host("node" + i.ToString(CultureInfo.InvariantCulture), "mesh", i));
        }

        return hosts;
    }
}
