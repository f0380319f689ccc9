using Converge.Modules.ConfigureDocker;

namespace Converge.Modules.Tests.ConfigureDocker;

public sealed class ConfigureDockerValidationTests
{
    private static IReadOnlyList<string> Errors(ConfigureDockerParams parameters) =>
        [.. new ConfigureDockerParamsValidator().Validate(parameters).Errors.Select(e => e.ErrorMessage)];

    private static ConfigureDockerParams Valid => ConfigureDockerRenderTests.MeshParams(DockerFormat.Auto);

    [Fact]
    public void The_mesh_settings_are_valid()
    {
        Assert.Empty(Errors(Valid));
    }

    [Fact]
    public void Bridge_with_bip_is_rejected_as_docker_does()
    {
        Assert.Equal(
            ["bridge (docker0) and bip (172.17.42.1/16) cannot both be set: dockerd refuses -b together with --bip; the bridge's address comes from the interfaces file"],
            Errors(Valid with { Bip = "172.17.42.1/16" }));
    }

    [Fact]
    public void Docker_on_all_interfaces_without_tls_is_rejected()
    {
        Assert.Equal(
            ["hosts: tcp://0.0.0.0:2375 without TLS lets anyone who reaches the port control Docker as root; bind it to the host's docker0 address (the seed's advice), set options tlsverify: true with certificates, or set allow_insecure_tcp: true"],
            Errors(Valid with { Hosts = ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"] }));
    }

    [Fact]
    public void Docker_on_all_interfaces_through_a_flag_is_rejected_too()
    {
        Assert.Equal(
            ["flags: -H tcp://0.0.0.0:2375 without TLS lets anyone who reaches the port control Docker as root; bind it to the host's docker0 address (the seed's advice), add --tlsverify with certificates, or set allow_insecure_tcp: true"],
            Errors(Valid with { Format = DockerFormat.DefaultFile, Hosts = [], Flags = ["-H tcp://0.0.0.0:2375"] }));
    }

    [Fact]
    public void Docker_on_all_interfaces_with_tls_is_accepted()
    {
        Assert.Empty(Errors(Valid with
        {
            Format = DockerFormat.DaemonJson,
            Hosts = ["tcp://0.0.0.0:2376"],
            Options = new Dictionary<string, object?> { ["tlsverify"] = true, ["tlscacert"] = "/etc/docker/ca.pem" },
        }));
    }

    [Fact]
    public void A_managed_key_in_options_is_rejected()
    {
        Assert.Equal(
            ["options: 'mtu' has its own parameter; set it there (once)"],
            Errors(Valid with { Format = DockerFormat.DaemonJson, Options = new Dictionary<string, object?> { ["mtu"] = 1400L } }));
    }

    [Fact]
    public void A_flag_repeating_a_parameter_is_rejected()
    {
        Assert.Equal(
            ["flags: --mtu=1400 repeats a setting that has its own parameter; set it there (once)"],
            Errors(Valid with { Format = DockerFormat.DefaultFile, Flags = ["--mtu=1400"] }));
    }

    [Fact]
    public void Flags_with_daemon_json_are_rejected()
    {
        Assert.Equal(
            ["flags are dockerd flags for /etc/default/docker; with format daemon-json set daemon.json keys in options"],
            Errors(Valid with { Format = DockerFormat.DaemonJson, Flags = ["--dns", "192.0.2.53"] }));
    }

    [Fact]
    public void A_bad_format_and_fixed_cidr_are_named()
    {
        Assert.Equal(
            ["format must be auto, daemon-json or default-file, not 'json'", "fixed_cidr: '172.17.64.1/18' has host bits set; the network is 172.17.64.0/18"],
            Errors(Valid with { Format = "json", FixedCidr = "172.17.64.1/18" }));
    }
}
