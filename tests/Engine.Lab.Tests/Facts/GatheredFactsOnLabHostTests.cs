using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts.Gathered;
using Converge.Core.Inventory;
using Converge.Lab.Tests.Hosts;
using Converge.TestKit;

namespace Converge.Lab.Tests.Facts;

/// <summary>
/// The gathered facts of a lab host read over Converge's SSH connection, against Ansible's <c>setup</c>
/// on the same host through the same inventory, key by key (bridges, veths and routes of a real host).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class GatheredFactsOnLabHostTests(SharedLab shared)
{
    [LabFact]
    public async Task Facts_gathered_over_ssh_match_ansible_setup_on_the_same_lab_host()
    {
        var inventoryFile = Path.Combine(shared.Lab.Paths.LabState(SharedLab.Name), "hosts.yml");
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load([inventoryFile], diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Items));

        var ansible = await AnsibleFacts.SetupAsync("node2", "-i", inventoryFile);
        var fact = new GatheredFacts(FactSubset.All);
        await using var connection = ConnectionFactory.Create("node2", inventory.VariablesOf("node2"), new ConnectionOptions());
        await connection.OpenAsync(default);
        var result = await connection.RunAsync(fact.Command, default);

        Assert.True(result.ExitCode == 0, result.Stderr);
        AnsibleFacts.AssertSame(ansible, fact.Parse(result));
    }
}
