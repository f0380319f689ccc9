namespace Converge.Lab.Tests.Planning;

public sealed class LabSubnetChooserTests
{
    private static readonly string[] MachineRoutes = ["0.0.0.0/0", "192.0.2.0/24", "192.0.2.2"];

    [Fact]
    public void The_same_name_gets_the_same_subnet_when_it_is_free()
    {
        var first = LabSubnetChooser.Choose("demo", new HashSet<int>(), MachineRoutes);
        var second = LabSubnetChooser.Choose("demo", new HashSet<int>(), MachineRoutes);

        Assert.Equal(first, second);
        Assert.InRange(first, 1, 254);
    }

    [Fact]
    public void A_subnet_another_lab_holds_is_skipped()
    {
        var preferred = LabSubnetChooser.Choose("demo", new HashSet<int>(), MachineRoutes);

        var chosen = LabSubnetChooser.Choose("demo", new HashSet<int> { preferred }, MachineRoutes);

        Assert.NotEqual(preferred, chosen);
    }

    [Fact]
    public void A_subnet_overlapping_a_machine_route_or_address_is_skipped()
    {
        var preferred = LabSubnetChooser.Choose("demo", new HashSet<int>(), MachineRoutes);

        var besideRoute = LabSubnetChooser.Choose("demo", new HashSet<int>(), [.. MachineRoutes, $"10.222.{preferred}.0/24"]);
        var besideAddress = LabSubnetChooser.Choose("demo", new HashSet<int>(), [.. MachineRoutes, $"10.222.{preferred}.77"]);

        Assert.NotEqual(preferred, besideRoute);
        Assert.NotEqual(preferred, besideAddress);
    }

    [Fact]
    public void A_machine_route_covering_every_lab_subnet_is_an_error_that_says_so()
    {
        var error = Assert.Throws<LabException>(() => LabSubnetChooser.Choose("demo", new HashSet<int>(), ["10.0.0.0/8"]));

        Assert.Contains("no free 10.222.X.0/24", error.Message, StringComparison.Ordinal);
    }
}
