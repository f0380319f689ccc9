namespace Converge.Lab;

/// <summary>One host of a lab: its name, inventory group, address on the lab switch and fixed MAC.</summary>
public sealed record LabHost(string Name, string Group, string Address, string Mac)
{
    /// <summary>The host's port on the lab switch (an interface name: at most 15 characters).</summary>
    public string Port => "p-" + Name;
}
