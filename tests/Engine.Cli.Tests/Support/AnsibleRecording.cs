using System.Text.Json.Nodes;
using Converge.TestKit;

namespace Converge.Cli.Tests.Support;

/// <summary>
/// A spec folder (<c>tests/Engine.Cli.Tests/Specs/NAME</c>) with <c>playbook.yml</c>, <c>inventory.ini</c>, a
/// <c>record.sh</c> and what Ansible 2.14 wrote when it ran them: one line per written file, <c>NAME JSON</c>.
/// The playbook writes <c>{{ out_dir }}/NAME.json</c>; converge runs it the same way and must write the same values.
/// </summary>
internal static class AnsibleRecording
{
    public static async Task AssertConvergeWritesTheSameAsync(string folder, string recording, int files, params string[] extra)
    {
        var here = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Cli.Tests", "Specs", folder);
        using var workspace = new Workspace();
        var outcome = await ConvergeProcess.RunAsync([
            "apply", Path.Combine(here, "playbook.yml"), "-i", Path.Combine(here, "inventory.ini"), .. extra,
            "-e", $"out_dir={workspace.Root}", "-e", $"converge_state_dir={workspace.StateDirectory}"]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var recorded = File.ReadAllLines(Path.Combine(here, recording));
        Assert.Equal(files, recorded.Length);
        foreach (var line in recorded)
        {
            var name = line[..line.IndexOf(' ', StringComparison.Ordinal)];
            var theirs = JsonNode.Parse(line[(name.Length + 1)..]);
            var ours = JsonNode.Parse(await File.ReadAllTextAsync(workspace.PathOf(name + ".json")));
            Assert.True(JsonNode.DeepEquals(theirs, ours), $"{name}: Ansible {theirs?.ToJsonString()}, Converge {ours?.ToJsonString()}");
        }
    }
}
