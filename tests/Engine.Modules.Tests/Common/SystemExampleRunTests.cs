using System.Text.Json;
using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// The users, system and control modules' examples through the real <c>converge</c> entry point: those safe
/// on this machine are checked (touching nothing), applied, and reapplied with no change; those that would
/// change the machine's accounts or need systemd are validated only (their modules' tests run them for real).
/// </summary>
public sealed class SystemExampleRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("converge-examples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("debug")]
    [InlineData("fail")]
    [InlineData("ping")]
    [InlineData("raw")]
    [InlineData("sysctl")]
    [InlineData("cron")]
    [InlineData("authorized_key")]
    [InlineData("wait_for")]
    [InlineData("pause")]
    [InlineData("known_hosts")]
    [InlineData("sudoers")]
    [InlineData("mount")]
    [InlineData("wait_for_connection")]
    public async Task I_can_check_apply_and_rerun_an_example_with_no_changes(string module)
    {
        var exampleRoot = Path.Combine(_root, "root");

        var check = await RunAsync("check", module, exampleRoot);
        Assert.False(Directory.Exists(exampleRoot), "check mode created " + exampleRoot);
        var first = await RunAsync("apply", module, exampleRoot);
        var second = await RunAsync("apply", module, exampleRoot);

        Assert.True(check.Failed == 0, check.Output);
        Assert.True(first.Exit == 0 && first.Failed == 0, first.Output);
        Assert.True(second.Exit == 0 && second.Changed == 0, second.Output);
    }

    [Theory]
    [InlineData("systemd")]
    [InlineData("user")]
    [InlineData("group")]
    [InlineData("hostname")]
    [InlineData("timezone")]
    [InlineData("apt_repository")]
    [InlineData("deb822_repository")]
    [InlineData("dpkg_selections")]
    public async Task I_can_validate_an_example_that_would_change_this_machine(string module)
    {
        var outcome = await ConvergeProcess.RunAsync(["validate", Path.Combine(RepositoryPaths.Examples, module + ".yml"), "-i", await InventoryAsync()]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
    }

    private async Task<string> InventoryAsync()
    {
        var inventory = Path.Combine(_root, "hosts.ini");
        // Its own state directory: other tests apply to localhost at the same time, and would share the run lock.
        await File.WriteAllTextAsync(inventory, $"localhost ansible_connection=local converge_state_dir={_root}/state\n");
        return inventory;
    }

    private async Task<(int Exit, int Changed, int Failed, string Output)> RunAsync(string verb, string module, string exampleRoot)
    {
        var report = Path.Combine(_root, $"{verb}-{Guid.NewGuid():N}.json");
        var playbook = Path.Combine(RepositoryPaths.Examples, module + ".yml");
        var outcome = await ConvergeProcess.RunAsync([verb, playbook, "-i", await InventoryAsync(), "-e", "example_root=" + exampleRoot, "--report", report]);
        if (!File.Exists(report))
        {
            return (outcome.ExitCode, -1, -1, outcome.ToString());
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var host = json.RootElement.GetProperty("hosts").GetProperty("localhost");
        return (outcome.ExitCode, host.GetProperty("changed").GetInt32(), host.GetProperty("failed").GetInt32(), outcome.ToString());
    }
}
