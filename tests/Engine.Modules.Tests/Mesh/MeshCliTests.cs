using Converge.TestKit;

namespace Converge.Modules.Tests.Mesh;

/// <summary>The mesh through the real <c>converge</c> entry point: validate, graph and the module examples.</summary>
public sealed class MeshCliTests : IDisposable
{
    private const string Playbook = """
        - name: Mesh network
          hosts: mesh
          tasks:
            - name: Interfaces
              write-interfaces:
                mesh: "{{ mesh_host }}"
            - name: Docker
              configure-docker:
                bridge: "{{ mesh_host.docker_bridge }}"
                fixed_cidr: "{{ mesh_host.fixed_cidr }}"
                mtu: "{{ mesh_host.mtu }}"
                hosts: "{{ mesh_host.docker_hosts }}"
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("converge-mesh-cli-").FullName;

    public MeshCliTests() => File.WriteAllText(Path.Combine(_directory, "mesh.yml"), Playbook);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Inventory(string name) => Path.Combine(RepositoryPaths.Playbooks, "inventories", name);

    [Theory]
    [InlineData("production")]
    [InlineData("staging")]
    [InlineData("large")]
    public async Task I_can_validate_the_mesh_modules_against_each_inventory(string inventory)
    {
        var outcome = await ConvergeProcess.RunAsync("validate", Path.Combine(_directory, "mesh.yml"), "-i", Inventory(inventory));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
    }

    [Fact]
    public async Task I_can_graph_the_mesh_as_dot()
    {
        var outcome = await ConvergeProcess.RunAsync("graph", Path.Combine(_directory, "mesh.yml"), "-i", Inventory("production"), "--format", "dot");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("\"host2\" -- \"host3\" [label=\"gre3 (STP may block)\", style=dashed];", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_mesh_is_refused_with_every_problem_and_where_it_is()
    {
        var inventory = Path.Combine(_directory, "inventory");
        Directory.CreateDirectory(Path.Combine(inventory, "group_vars"));
        File.Copy(Path.Combine(Inventory("production"), "hosts.yml"), Path.Combine(inventory, "hosts.yml"));
        File.WriteAllText(Path.Combine(inventory, "group_vars", "mesh.yml"), "mesh:\n  stp: false\n  mtu: 1500\n  docker_tcp: 0.0.0.0\n");

        var outcome = await ConvergeProcess.RunAsync("validate", Path.Combine(_directory, "mesh.yml"), "-i", inventory);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("group_vars/mesh.yml:1:1: error: mesh.stp: the links form a cycle (host1 – host2 – host3 – host1)", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: mesh.mtu: 1500 is larger than 1462", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: mesh.docker_tcp: tcp://0.0.0.0:2375 without TLS", outcome.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("write-interfaces")]
    [InlineData("configure-docker")]
    public async Task The_example_applies_and_then_checks_in_sync(string module)
    {
        var example = Path.Combine(RepositoryPaths.Examples, module + ".yml");

        var state = "converge_state_dir=" + Path.Combine(_directory, "state");
        var apply = await ConvergeProcess.RunAsync("apply", example, "-i", "localhost,", "-e", state);
        var check = await ConvergeProcess.RunAsync("check", example, "-i", "localhost,", "-e", state);

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(check.ExitCode == 0, check.ToString());
    }
}
