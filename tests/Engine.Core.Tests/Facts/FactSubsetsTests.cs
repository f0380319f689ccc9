using Converge.Core.Facts.Gathered;

namespace Converge.Core.Tests.Facts;

public sealed class FactSubsetsTests
{
    [Theory]
    [InlineData("all", FactSubset.All)]
    [InlineData("min", FactSubset.Min)]
    [InlineData("network", FactSubset.Min | FactSubset.Network)]
    [InlineData("!hardware", FactSubset.All & ~FactSubset.Hardware & ~FactSubset.Mounts)]
    [InlineData("!all", FactSubset.Min)]
    [InlineData("!all,!min", FactSubset.None)]
    [InlineData("network,!min", FactSubset.Network)]
    [InlineData("!all,!min,user", FactSubset.User)]
    [InlineData("!all,!min,min", FactSubset.Min)]
    public void Gather_subset_follows_Ansible(string subsets, FactSubset expected)
    {
        Assert.Equal(expected, FactSubsets.Parse([subsets], out var unknown));
        Assert.Null(unknown);
    }

    [Fact]
    public void An_unknown_subset_is_named()
    {
        Assert.Null(FactSubsets.Parse(["netwrok"], out var unknown));
        Assert.Equal("netwrok", unknown);
    }

    [Theory]
    [InlineData("{{ ansible_distribution }} {{ ansible_os_family }}", FactSubset.Distribution)]
    [InlineData("ansible_facts['default_ipv4']['address']", FactSubset.Network)]
    [InlineData("{{ ansible_facts.memtotal_mb // 2 }}", FactSubset.Hardware)]
    [InlineData("{{ ansible_eth0.ipv4.address }}", FactSubset.Network)]
    [InlineData("{{ ansible_host }}:{{ ansible_port }} {{ ansible_check_mode }} {{ ansible_become_user }}", FactSubset.None)]
    [InlineData("{{ ansible_facts | to_json }}", FactSubset.All)]
    [InlineData("plain text", FactSubset.None)]
    public void References_map_to_the_subsets_that_hold_them(string text, FactSubset expected)
    {
        Assert.Equal(expected, FactSubsets.Referenced(text));
    }
}
