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

    [Fact]
    public async Task I_can_check_the_seed_playbook_against_hosts_with_nothing_installed_and_see_every_change()
    {
        // Four "hosts" on this machine (local connections), planned with the production mesh: check mode
        // reads them and changes nothing, so this is safe here and shows what an apply would do.
        var root = Directory.CreateTempSubdirectory("converge-seed-check-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "hosts.yml"), """
                all:
                  vars:
                    ansible_connection: local
                  children:
                    builder:
                      hosts:
                        build1: {}
                    mesh:
                      hosts:
                        host1: { ansible_host: 192.0.2.1 }
                        host2: { ansible_host: 192.0.2.2 }
                        host3: { ansible_host: 192.0.2.3 }
                """);
            Directory.CreateDirectory(Path.Combine(root, "group_vars"));
            File.Copy(Path.Combine(Inventory("production"), "group_vars", "mesh.yml"), Path.Combine(root, "group_vars", "mesh.yml"));
            var source = Path.Combine(RepositoryPaths.Examples, "files", "hello-deb");
            var before = Directory.GetFiles("/etc/network", "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

            var outcome = await ConvergeProcess.RunAsync("check", Playbook, "-i", Path.Combine(root, "hosts.yml"),
                "-e", $"ovs_source={source}", "-e", $"converge_state_dir={Path.Combine(root, "state")}");

            Assert.True(outcome.ExitCode == 2, outcome.ToString());
            Assert.Contains("changed: [build1] build the Open vSwitch debs", outcome.Stdout);
            foreach (var host in new[] { "host1", "host2", "host3" })
            {
                Assert.Contains($"changed: [{host}] bridge-utils and Docker", outcome.Stdout);
                Assert.Contains($"changed: [{host}] mesh interfaces", outcome.Stdout);
                Assert.Contains($"changed: [{host}] Docker daemon on the mesh bridge", outcome.Stdout);
                Assert.Contains($"changed: [{host}] handler reboot — would reboot", outcome.Stdout);
            }

            Assert.Contains("package docker.io", outcome.Stdout);
            Assert.Contains("+    ovs_extra set bridge ${IFACE} stp_enable=true", outcome.Stdout);
            Assert.Contains("+auto docker0=docker0", outcome.Stdout);
            Assert.Equal(before, Directory.GetFiles("/etc/network", "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));
            Assert.False(Directory.Exists(Path.Combine(root, "state")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
