using Converge.Core.Connections;
using Converge.Core.Facts.Gathered;
using Converge.TestKit;

namespace Converge.Core.Tests.Facts;

/// <summary>The gathered facts against Ansible's own <c>setup</c> on this machine at the same moment.</summary>
public sealed class GatheredFactsDifferentialTests
{
    [Fact]
    public async Task Every_named_fact_matches_what_ansible_setup_reports_on_the_same_host()
    {
        var ansible = await AnsibleFacts.SetupAsync("localhost");
        var ours = await GatherAsync(FactSubset.All);

        AnsibleFacts.AssertSame(ansible, ours);
    }

    [Fact]
    public async Task Only_the_chosen_subsets_are_gathered()
    {
        var ours = await GatherAsync(FactSubset.Distribution);

        Assert.Equal(["distribution", "distribution_major_version", "distribution_release", "distribution_version", "os_family"], ours.Keys.Where(k => k != "distribution_minor_version").Order(StringComparer.Ordinal));
    }

    private static async Task<Dictionary<string, object?>> GatherAsync(FactSubset subsets)
    {
        var fact = new GatheredFacts(subsets);
        await using var connection = new LocalConnection("localhost");
        var result = await connection.RunAsync(fact.Command, default);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return fact.Parse(result);
    }
}
