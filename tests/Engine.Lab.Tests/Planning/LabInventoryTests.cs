namespace Converge.Lab.Tests.Planning;

public sealed class LabInventoryTests
{
    [Fact]
    public void The_inventory_is_ansible_yaml_with_groups_keys_and_known_hosts()
    {
        var network = new LabNetwork("demo", 7);
        var lab = new LabState("demo", 7, network.Hosts(new LabSpec("demo", Hosts: 2, Builder: true)), DateTimeOffset.UnixEpoch);

        var yaml = LabInventory.Render(lab, "/var/lib/converge/lab/demo/id_ed25519", "/var/lib/converge/lab/demo/known_hosts");

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Planning", "LabInventoryTests.inventory.verified.yml"));
        Assert.Equal(expected, yaml);
    }

    [Fact]
    public void A_known_hosts_line_names_the_host_and_its_address()
    {
        var host = new LabNetwork("demo", 7).Host("node1", "mesh", 1);

        var line = LabInventory.KnownHostsLine(host, "ssh-ed25519 AAAAC3Nza root@node1\n");

        Assert.Equal("node1,10.222.7.11 ssh-ed25519 AAAAC3Nza", line);
    }
}
