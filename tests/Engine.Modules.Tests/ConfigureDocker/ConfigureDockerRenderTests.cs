using Converge.Modules.Tests.Common;
using System.Text.Json.Nodes;
using Converge.Modules.ConfigureDocker;
using Converge.Modules.Tests.WriteInterfaces;

namespace Converge.Modules.Tests.ConfigureDocker;

public sealed class ConfigureDockerRenderTests
{
    /// <summary>The guide's /etc/default/docker for host1, verbatim.</summary>
    private const string SeedHost1 = """
        BRIDGE=docker0
        CIDR=172.17.64.0/18

        wait_ip() {
          address=$(ip add show $BRIDGE | grep 'inet ' | awk '{print $2}')
          [ -z "$address" ] && sleep $1 || :
        }

        wait_ip 5
        wait_ip 15

        DOCKER_OPTS="
            -H unix:///var/run/docker.sock
            -H tcp://0.0.0.0:2375
            --fixed-cidr=$CIDR
            --bridge $BRIDGE
            --mtu 1462
        "
        """;

    internal static ConfigureDockerParams SeedParams(string format) => new()
    {
        Format = format,
        Bridge = "docker0",
        FixedCidr = "172.17.64.0/18",
        Mtu = 1462,
        Hosts = ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"],
        AllowInsecureTcp = true,
    };

    internal static ConfigureDockerParams MeshParams(string format) => SeedParams(format) with
    {
        Hosts = ["unix:///var/run/docker.sock", "tcp://172.17.42.1:2375"],
        AllowInsecureTcp = false,
    };

    [Fact]
    public void The_seed_host1_default_file_renders_as_its_snapshot()
    {
        Snapshot.Match(DefaultFile.Render(SeedParams(DockerFormat.DefaultFile)), "ConfigureDocker", "seed-host1-default-docker");
    }

    [Fact]
    public void The_seed_host1_default_file_has_exactly_the_guides_statements()
    {
        Assert.Equal(DefaultFile.Statements(SeedHost1), DefaultFile.Statements(DefaultFile.Render(SeedParams(DockerFormat.DefaultFile))));
    }

    [Fact]
    public async Task The_default_file_is_valid_shell_whose_docker_opts_expand_to_the_seeds_flags()
    {
        using var harness = new ModuleTestHost();
        var file = harness.PathOf("docker");
        await File.WriteAllTextAsync(file, DefaultFile.Render(SeedParams(DockerFormat.DefaultFile) with { WaitIp = [] }));
        var connection = new Converge.Core.Connections.LocalConnection("localhost");

        var syntax = await connection.RunAsync(Converge.Core.Connections.CommandSpec.Probe("sh", "-n", file), CancellationToken.None);
        var sourced = await connection.RunAsync(Converge.Core.Connections.CommandSpec.Probe("sh", "-c", ". \"$1\"; echo $DOCKER_OPTS", "sh", file), CancellationToken.None);

        Assert.True(syntax.Succeeded, syntax.Stderr);
        Assert.Equal("-H unix:///var/run/docker.sock -H tcp://0.0.0.0:2375 --fixed-cidr=172.17.64.0/18 --bridge docker0 --mtu 1462\n", sourced.Stdout);
    }

    [Fact]
    public void The_mesh_host1_daemon_json_renders_as_its_snapshot()
    {
        var json = DaemonJson.Render(DaemonJson.Desired(MeshParams(DockerFormat.DaemonJson)));

        Snapshot.Match(json, "ConfigureDocker", "mesh-host1-daemon-json");
    }

    [Fact]
    public void Daemon_json_is_compared_by_meaning_not_by_spelling()
    {
        var a = DaemonJson.Parse("""{"mtu": 1462, "hosts": ["unix:///var/run/docker.sock"], "bridge": "docker0"}""");
        var b = DaemonJson.Parse("{\n  \"bridge\":\"docker0\",\n  \"hosts\": [ \"unix:///var/run/docker.sock\" ],\n  \"mtu\": 1462.0\n}");
        var c = DaemonJson.Parse("""{"bridge": "docker0", "hosts": ["unix:///var/run/docker.sock"], "mtu": 1450}""");

        Assert.True(DaemonJson.Same(a, b));
        Assert.False(DaemonJson.Same(a, c));
    }

    [Fact]
    public void Merging_keeps_the_users_keys_in_place_and_replaces_the_managed_ones()
    {
        var existing = DaemonJson.Parse("""{"log-driver": "journald", "mtu": 1500, "dns": ["192.0.2.53"]}""");

        var merged = DaemonJson.Merge(existing, DaemonJson.Desired(MeshParams(DockerFormat.DaemonJson)), keepUnmanaged: true);
        var replaced = DaemonJson.Merge(existing, DaemonJson.Desired(MeshParams(DockerFormat.DaemonJson)), keepUnmanaged: false);

        Assert.Equal(["log-driver", "mtu", "dns", "bridge", "fixed-cidr", "hosts"], merged.Select(p => p.Key));
        Assert.Equal(1462, merged["mtu"]!.GetValue<int>());
        Assert.Equal(["bridge", "fixed-cidr", "mtu", "hosts"], replaced.Select(p => p.Key));
    }

    [Fact]
    public void Options_become_daemon_json_keys_with_their_types()
    {
        var parameters = MeshParams(DockerFormat.DaemonJson) with
        {
            Options = new Dictionary<string, object?> { ["registry-mirrors"] = new List<object?> { "https://mirror.example" }, ["debug"] = true, ["max-concurrent-downloads"] = 5L },
        };

        var json = DaemonJson.Desired(parameters);

        Assert.True(DaemonJson.Same(JsonNode.Parse("""["https://mirror.example"]"""), json["registry-mirrors"]));
        Assert.True(json["debug"]!.GetValue<bool>());
        Assert.Equal(5L, json["max-concurrent-downloads"]!.GetValue<long>());
    }

    [Fact]
    public void The_unit_flags_fact_reads_the_last_exec_start_of_the_unit_and_its_drop_ins()
    {
        const string Recorded = """
            # /lib/systemd/system/docker.service
            [Service]
            Type=notify
            ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
            ExecReload=/bin/kill -s HUP $MAINPID

            # /etc/systemd/system/docker.service.d/override.conf
            [Service]
            ExecStart=
            ExecStart=/usr/bin/dockerd \
                --containerd=/run/containerd/containerd.sock
            """;
        var fact = new DockerUnitFlagsFact();

        Assert.Equal(["--containerd=/run/containerd/containerd.sock"], fact.Parse(new(0, null, Recorded, string.Empty)));
        Assert.Equal(["-H", "fd://", "--containerd=/run/containerd/containerd.sock"], fact.Parse(new(0, null, Recorded[..Recorded.IndexOf("# /etc", StringComparison.Ordinal)], string.Empty)));
        Assert.Empty(fact.Parse(new(1, null, string.Empty, "No files found for docker.service.")));
    }

    [Fact]
    public void Flags_map_to_their_daemon_json_keys()
    {
        Assert.Equal(
            ["hosts", "bridge", "mtu", "insecure-registries", "fixed-cidr"],
            DockerFlags.KeysOf(["-H", "fd://", "-b", "docker0", "--mtu=1462", "--insecure-registry", "r.example", "--fixed-cidr=$CIDR"]).Select(f => f.Key));
    }
}
