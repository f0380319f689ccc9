using System.Text.Json;
using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// Each module example through the real <c>converge</c> entry point against localhost: check mode on a
/// fresh root touches nothing, the first apply succeeds, the second changes nothing.
/// </summary>
public sealed class ExampleRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("converge-examples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("file")]
    [InlineData("template")]
    [InlineData("copy")]
    [InlineData("command")]
    [InlineData("shell")]
    [InlineData("line")]
    [InlineData("assert")]
    [InlineData("service")]
    [InlineData("apt")]
    [InlineData("package")]
    [InlineData("lineinfile")]
    [InlineData("blockinfile")]
    [InlineData("replace")]
    [InlineData("stat")]
    [InlineData("setup")]
    [InlineData("ini_file")]
    [InlineData("slurp")]
    [InlineData("find")]
    [InlineData("script")]
    [InlineData("fetch")]
    [InlineData("unarchive")]
    [InlineData("cron")]
    [InlineData("sudoers")]
    [InlineData("authorized_key")]
    [InlineData("known_hosts")]
    [InlineData("mount")]
    [InlineData("wait_for")]
    [InlineData("raw")]
    [InlineData("ping")]
    [InlineData("debug")]
    [InlineData("set_fact")]
    [InlineData("include_vars")]
    [InlineData("pause")]
    [InlineData("fail")]
    [InlineData("getent")]
    [InlineData("service_facts")]
    [InlineData("htpasswd")]
    public async Task I_can_check_apply_and_rerun_an_example_with_no_changes(string module)
    {
        var inventory = Path.Combine(_root, "hosts.ini");
        await File.WriteAllTextAsync(inventory, "localhost ansible_connection=local\n");
        var exampleRoot = Path.Combine(_root, "root");
        var playbook = Path.Combine(RepositoryPaths.Examples, module + ".yml");

        var check = await RunAsync("check", playbook, inventory, exampleRoot);
        Assert.False(Directory.Exists(exampleRoot), "check mode created " + exampleRoot);
        var first = await RunAsync("apply", playbook, inventory, exampleRoot);
        var second = await RunAsync("apply", playbook, inventory, exampleRoot);

        Assert.True(check.Failed == 0, check.Output);
        Assert.True(first.Exit == 0 && first.Failed == 0, first.Output);
        Assert.True(second.Exit == 0 && second.Changed == 0, second.Output);
    }

    private async Task<(int Exit, int Changed, int Failed, string Output)> RunAsync(string verb, string playbook, string inventory, string exampleRoot)
    {
        var report = Path.Combine(_root, $"{verb}-{Guid.NewGuid():N}.json");
        var outcome = await ConvergeProcess.RunAsync([verb, playbook, "-i", inventory, "-e", "example_root=" + exampleRoot, "-e", "converge_state_dir=" + Path.Combine(_root, "state"), "--report", report]);
        if (!File.Exists(report))
        {
            return (outcome.ExitCode, -1, -1, outcome.ToString());
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var host = json.RootElement.GetProperty("hosts").GetProperty("localhost");
        return (outcome.ExitCode, host.GetProperty("changed").GetInt32(), host.GetProperty("failed").GetInt32(), outcome.ToString());
    }
}
