namespace Converge.Lab.Tests.Planning;

public sealed class LabNetworkTests
{
    [Fact]
    public void Hosts_get_fixed_addresses_and_locally_administered_macs_from_their_index()
    {
        var network = new LabNetwork("demo", 7);

        var hosts = network.Hosts(new LabSpec("demo", Hosts: 2, Builder: true));

        Assert.Equal(["builder", "node1", "node2"], hosts.Select(h => h.Name));
        Assert.Equal(["builder", "mesh", "mesh"], hosts.Select(h => h.Group));
        Assert.Equal(["10.222.7.10", "10.222.7.11", "10.222.7.12"], hosts.Select(h => h.Address));
        Assert.Equal("02:00:0a:de:07:0b", hosts[1].Mac);
        Assert.Equal("cvlab7", network.ControllerInterface);
        Assert.Equal("converge-demo-node1", network.HostNamespace("node1"));
    }

    [Fact]
    public void Interface_names_fit_the_kernel_limit_of_15_characters()
    {
        var network = new LabNetwork("abcdefghijkl", 254);

        Assert.All(network.Hosts(new LabSpec("abcdefghijkl", Hosts: LabSpec.MaxHosts, Builder: true)), h => Assert.True(h.Port.Length <= 15, h.Port));
        Assert.True(network.ControllerInterface.Length <= 15);
    }

    [Theory]
    [InlineData("Demo")]
    [InlineData("a b")]
    [InlineData("much-too-long-name")]
    [InlineData("")]
    public void Unusable_lab_names_are_refused(string name)
    {
        Assert.Throws<LabException>(() => new LabSpec(name).Validate());
    }

    [Fact]
    public void A_host_count_out_of_range_is_refused_with_the_range()
    {
        var error = Assert.Throws<LabException>(() => new LabSpec("demo", Hosts: 0).Validate());

        Assert.Contains("1 to 200", error.Message, StringComparison.Ordinal);
    }
}
