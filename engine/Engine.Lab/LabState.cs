using System.Text.Json;

namespace Converge.Lab;

/// <summary>What <c>lab up</c> created, saved as lab.json in the lab's state directory so every later
/// command (status, ssh, reboot, down) acts on exactly those hosts, names and addresses.
/// <see cref="CreatorPid"/> is the process that ran <c>up</c> (tests use it to find labs a killed run left).</summary>
public sealed record LabState(string Name, int SubnetIndex, IReadOnlyList<LabHost> Hosts, DateTimeOffset Created, int? CreatorPid = null)
{
    public LabNetwork Network => new(Name, SubnetIndex);

    public LabHost Host(string name) =>
        Hosts.FirstOrDefault(h => h.Name == name)
        ?? throw new LabException($"lab {Name} has no host '{name}'; its hosts are: {string.Join(", ", Hosts.Select(h => h.Name))}");

    public void Save(string file) => File.WriteAllText(file, JsonSerializer.Serialize(this, LabStateJson.Default.LabState));

    public static LabState Load(string file) =>
        JsonSerializer.Deserialize(File.ReadAllText(file), LabStateJson.Default.LabState)
        ?? throw new LabException($"{file} is empty");
}
