using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>The seed playbook against the example inventories, which are only ever validated and graphed.</summary>
public sealed class SeedPlaybookSpecs
{
    private static string Playbook => Path.Combine(RepositoryPaths.Playbooks, "docker-mesh.yml");

    private static string Inventory(string name) => Path.Combine(RepositoryPaths.Playbooks, "inventories", name);

    [Theory]
    [InlineData("production")]
    [InlineData("staging")]
    [InlineData("large")]
    public async Task I_can_validate_the_seed_playbook_against_an_inventory_without_contacting_a_host(string inventory)
    {
        var outcome = await ConvergeProcess.RunAsync("validate", Playbook, "-i", Inventory(inventory));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("valid: 3 plays", outcome.Stdout);
        Assert.Contains("valid: mesh plan", outcome.Stdout);
    }

    [Fact]
    public async Task The_graph_shows_every_mesh_host_waiting_for_the_build_and_the_reboot_handler()
    {
        var outcome = await ConvergeProcess.RunAsync("graph", Playbook, "-i", Inventory("production"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(3, CountOf(outcome.Stdout, "requires build the Open vSwitch debs on build1"));
        Assert.Equal(3, CountOf(outcome.Stdout, "handler reboot [reboot]"));
    }

    [Fact]
    public async Task A_source_path_that_is_not_absolute_is_refused_before_anything_runs()
    {
        var outcome = await ConvergeProcess.RunAsync("validate", Playbook, "-i", Inventory("production"), "-e", "ovs_source=src/ovs");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("task 'build the Open vSwitch debs' on build1: build-deb: src must be an absolute path on the build host", outcome.Stderr);
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
