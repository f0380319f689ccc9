using Converge.Modules.Tests.Common;
using Converge.Core.Diagnostics;
using Converge.Modules.ConfigureDocker;
using Converge.Modules.Tests.WriteInterfaces;

namespace Converge.Modules.Tests.ConfigureDocker;

public sealed class ConfigureDockerModuleTests : IDisposable
{
    private readonly ModuleTestHost _harness = new();
    private readonly ConfigureDockerModule _module = new();

    public void Dispose() => _harness.Dispose();

    private string JsonPath => _harness.PathOf("docker/daemon.json");

    private string DefaultPath => _harness.PathOf("default/docker");

    private ConfigureDockerParams Params(string format) => ConfigureDockerRenderTests.MeshParams(format) with
    {
        DaemonJsonPath = JsonPath,
        DefaultFilePath = DefaultPath,
    };

    [Theory]
    [InlineData(DockerFormat.DaemonJson)]
    [InlineData(DockerFormat.DefaultFile)]
    public async Task Check_apply_check_writes_the_file_and_is_then_in_sync(string format)
    {
        var parameters = Params(format);
        var path = format == DockerFormat.DaemonJson ? JsonPath : DefaultPath;

        var first = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);
        await _module.ApplyAsync(_harness.Context(), parameters, first, CancellationToken.None);
        var second = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);

        Assert.Equal([path], first.Changes.Select(c => c.Path));
        Assert.Null(first.Changes[0].Before);
        Assert.False(second.IsDrift);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task The_default_file_cycle_writes_the_seeds_options_and_reports_them_when_in_sync()
    {
        var parameters = Params(DockerFormat.DefaultFile);

        var first = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);
        await _module.ApplyAsync(_harness.Context(), parameters, first, CancellationToken.None);
        var second = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);

        Assert.Equal("DOCKER_OPTS=-H unix:///var/run/docker.sock -H tcp://172.17.42.1:2375 --fixed-cidr=$CIDR --bridge $BRIDGE --mtu 1462", first.Changes[0].After);
        Assert.Equal($"{DefaultPath} has DOCKER_OPTS -H unix:///var/run/docker.sock -H tcp://172.17.42.1:2375 --fixed-cidr=$CIDR --bridge $BRIDGE --mtu 1462", second.Reason);
    }

    [Fact]
    public async Task Daemon_json_keeps_the_users_keys_and_ignores_reformatting()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JsonPath)!);
        await File.WriteAllTextAsync(JsonPath, """{"log-driver": "journald", "mtu": 1500}""");
        var parameters = Params(DockerFormat.DaemonJson);

        var first = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);
        await _module.ApplyAsync(_harness.Context(), parameters, first, CancellationToken.None);
        var written = DaemonJson.Parse(await File.ReadAllTextAsync(JsonPath));
        await File.WriteAllTextAsync(JsonPath, written.ToJsonString());
        var second = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);

        Assert.Equal("mtu=1500", first.Changes[0].Before);
        Assert.Equal("mtu=1462, bridge=\"docker0\", fixed-cidr=\"172.17.64.0/18\", hosts=[\"unix:///var/run/docker.sock\",\"tcp://172.17.42.1:2375\"]", first.Changes[0].After);
        Assert.Contains("+  \"mtu\": 1462", first.Changes[0].Diff ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("journald", written["log-driver"]!.GetValue<string>());
        Assert.False(second.IsDrift);
    }

    [Fact]
    public async Task Check_mode_reports_the_change_and_writes_nothing()
    {
        var parameters = Params(DockerFormat.DefaultFile);
        var context = _harness.Context(checkMode: true);

        var plan = await _module.CheckAsync(context, parameters, CancellationToken.None);

        Assert.True(plan.IsDrift);
        Assert.Contains("+    --mtu 1462\n", plan.Changes[0].Diff, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CheckModeViolationException>(() => _module.ApplyAsync(context, parameters, plan, CancellationToken.None));
        Assert.False(File.Exists(DefaultPath));
    }

    [Fact]
    public async Task A_setting_in_both_daemon_json_and_docker_opts_is_refused()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JsonPath)!);
        await File.WriteAllTextAsync(JsonPath, """{"mtu": 1500, "debug": true}""");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _module.CheckAsync(_harness.Context(), Params(DockerFormat.DefaultFile), CancellationToken.None));

        Assert.Equal(
            $"configure-docker: dockerd would refuse to start: mtu (--mtu) set both in DOCKER_OPTS of {DefaultPath} and in {JsonPath}; remove them from daemon.json or use format: daemon-json",
            error.Message);
    }

    [Fact]
    public async Task A_daemon_json_setting_also_given_as_a_flag_is_refused()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DefaultPath)!);
        await File.WriteAllTextAsync(DefaultPath, "DOCKER_OPTS=\"-H fd:// --dns 192.0.2.53\"\n");
        // Without systemd (this machine class, CI containers) the init script applies DOCKER_OPTS.
        Assert.NotEqual("systemd", File.ReadAllText("/proc/1/comm").Trim());

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _module.CheckAsync(_harness.Context(), Params(DockerFormat.DaemonJson), CancellationToken.None));

        Assert.Equal(
            $"configure-docker: dockerd would refuse to start: hosts (-H in DOCKER_OPTS in {DefaultPath}) also set in {JsonPath}; drop the flag (for systemd, a drop-in with an empty ExecStart= and ExecStart=/usr/bin/dockerd) or leave the setting out of daemon.json",
            error.Message);
    }

    [Fact]
    public async Task Invalid_daemon_json_is_an_error_not_overwritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JsonPath)!);
        await File.WriteAllTextAsync(JsonPath, "{\"mtu\": 1500,,}");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _module.CheckAsync(_harness.Context(), Params(DockerFormat.DaemonJson), CancellationToken.None));

        Assert.StartsWith($"configure-docker: {JsonPath} is not a valid JSON object (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_picks_daemon_json_under_systemd_and_the_default_file_otherwise()
    {
        var systemd = File.ReadAllText("/proc/1/comm").Trim() == "systemd";

        var plan = await _module.CheckAsync(_harness.Context(), Params(DockerFormat.Auto), CancellationToken.None);

        Assert.Equal(systemd ? JsonPath : DefaultPath, plan.Changes[0].Path);
    }
}
