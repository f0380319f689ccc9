using System.Text.Json.Nodes;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// The magic variables a host sees (play hosts, the serial batch, check and diff mode, the version, groups), each
/// host writing them to a file, compared with what Ansible 2.14 wrote for the same playbook and inventory
/// (<c>MagicVariables/record.sh</c> re-records it).
/// </summary>
public sealed class MagicVariableSpecs
{
    private static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "Engine.Cli.Tests", "Specs", "MagicVariables");

    [Fact]
    public async Task Each_host_sees_the_magic_variables_Ansible_gives_it_batches_included()
    {
        using var workspace = new Workspace();
        var outcome = await ConvergeProcess.RunAsync([
            "apply", Path.Combine(Folder, "playbook.yml"), "-i", Path.Combine(Folder, "inventory.ini"), "--diff",
            "-e", $"out_dir={workspace.Root}", "-e", $"converge_state_dir={workspace.StateDirectory}"]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var recorded = File.ReadAllLines(Path.Combine(Folder, "magic-variables.recorded.txt"));
        Assert.Equal(3, recorded.Length);
        foreach (var line in recorded)
        {
            var host = line[..line.IndexOf(' ', StringComparison.Ordinal)];
            var theirs = JsonNode.Parse(line[(host.Length + 1)..]);
            var ours = JsonNode.Parse(await File.ReadAllTextAsync(workspace.PathOf(host + ".json")));
            Assert.True(JsonNode.DeepEquals(theirs, ours), $"{host}: Ansible {theirs?.ToJsonString()}, Converge {ours?.ToJsonString()}");
        }
    }
}
