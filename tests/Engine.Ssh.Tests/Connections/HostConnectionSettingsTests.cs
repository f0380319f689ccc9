using Converge.Core.Connections;
using Converge.Core.Connections.Ssh;
using Converge.Core.Diagnostics;
using Converge.Core.Secrets;

namespace Converge.Ssh.Tests.Connections;

public sealed class HostConnectionSettingsTests
{
    [Fact]
    public void Ansible_variables_set_address_port_user_key_and_become()
    {
        var redactor = new Redactor();
        var settings = HostConnectionSettings.FromVariables("web1", new Dictionary<string, object?>
        {
            ["ansible_host"] = "192.0.2.10",
            ["ansible_port"] = "2222",
            ["ansible_user"] = "deploy",
            ["ansible_ssh_private_key_file"] = "/keys/id",
            ["ansible_become"] = "yes",
            ["ansible_become_user"] = "postgres",
            ["ansible_become_password"] = "hunter22",
        }, redactor);

        Assert.Equal(("192.0.2.10", 2222, "deploy", false), (settings.Address, settings.Port, settings.User, settings.IsLocal));
        Assert.Equal(["/keys/id"], settings.PrivateKeyFiles);
        Assert.Equal(new Become("postgres", new Secret("hunter22")), settings.DefaultBecome);
        Assert.Equal("pw [REDACTED]", redactor.Redact("pw hunter22"));
    }

    [Fact]
    public void Localhost_and_connection_local_are_local_and_everything_else_is_ssh()
    {
        var options = new ConnectionOptions();

        Assert.IsType<LocalConnection>(ConnectionFactory.Create("localhost", new Dictionary<string, object?>(), options));
        Assert.IsType<LocalConnection>(ConnectionFactory.Create("db", new Dictionary<string, object?> { ["ansible_connection"] = "local" }, options));
        Assert.IsType<SshConnection>(ConnectionFactory.Create("localhost", new Dictionary<string, object?> { ["ansible_connection"] = "ssh" }, options));
        Assert.IsType<SshConnection>(ConnectionFactory.Create("db", new Dictionary<string, object?>(), options));
        Assert.Null(HostConnectionSettings.FromVariables("db", new Dictionary<string, object?> { ["ansible_become"] = false }).DefaultBecome);
    }

    [Theory]
    [InlineData("ansible_host", "127.0.1.3")]
    [InlineData("ansible_port", 2222)]
    [InlineData("ansible_user", "deploy")]
    [InlineData("ansible_ssh_host", "127.0.1.3")]
    public void A_localhost_with_an_explicit_address_port_or_user_is_an_ssh_host(string variable, object value)
    {
        var settings = HostConnectionSettings.FromVariables("localhost", new Dictionary<string, object?> { [variable] = value });

        Assert.False(settings.IsLocal);
        Assert.True(HostConnectionSettings.FromVariables("localhost", new Dictionary<string, object?> { [variable] = value, ["ansible_connection"] = "local" }).IsLocal);
    }

    [Fact]
    public void A_bad_port_or_connection_type_is_a_configuration_error_naming_host_and_variable()
    {
        var port = Assert.Throws<ConfigurationException>(() =>
            HostConnectionSettings.FromVariables("web1", new Dictionary<string, object?> { ["ansible_port"] = "ssh" }));
        var kind = Assert.Throws<ConfigurationException>(() =>
            HostConnectionSettings.FromVariables("web1", new Dictionary<string, object?> { ["ansible_connection"] = "winrm" }));

        Assert.Contains("host web1: ansible_port: 'ssh'", port.Message);
        Assert.Contains("ansible_connection: 'winrm'", kind.Message);
    }
}
