using System.Net;
using System.Net.Sockets;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class SshFailureTests(SshdFixture sshd)
{
    [SshdFact]
    public async Task A_wrong_port_makes_one_host_unreachable_while_the_others_work()
    {
        var wrongPort = new Dictionary<string, object?> { ["ansible_port"] = FreePort() };

        var results = await Task.WhenAll(Enumerable.Range(0, SshdFixture.HostCount).Select(async host =>
        {
            try
            {
                await using var connection = await TestConnections.OpenAsync(sshd.Server, host, extra: host == 2 ? wrongPort : null);
                return (await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None)).Succeeded ? "ok" : "failed";
            }
            catch (HostUnreachableException e)
            {
                return e.Message;
            }
        }));

        Assert.Equal(["ok", "ok", "ok", "ok"], results.Where((_, i) => i != 2));
        Assert.Equal($"host3: connection refused by 127.0.1.3:{wrongPort["ansible_port"]}: no SSH server listens there (check ansible_host and ansible_port)", results[2]);
    }

    [SshdFact]
    public async Task A_server_that_never_answers_times_out_with_the_limit_in_the_message()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = TestConnections.Options(sshd.Server) with { ConnectTimeout = TimeSpan.FromSeconds(1) };
        var variables = new Dictionary<string, object?> { ["ansible_host"] = "127.0.0.1", ["ansible_port"] = ((IPEndPoint)silent.LocalEndpoint).Port };

        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() => TestConnections.OpenAsync(sshd.Server, options: options, extra: variables));

        Assert.Contains("timed out after 1 s connecting to 127.0.0.1:", failure.Message);
    }

    [SshdFact]
    public async Task Failed_authentication_says_who_and_how_and_never_shows_the_password()
    {
        var variables = new Dictionary<string, object?> { ["ansible_password"] = "Not-The-Password-7", ["ansible_ssh_private_key_file"] = null };

        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            TestConnections.OpenAsync(sshd.Server, user: sshd.Users.PasswordUser, extra: variables));

        Assert.Contains($"authentication failed for user '{sshd.Users.PasswordUser}'", failure.Message);
        Assert.Contains("tried password", failure.Message);
        Assert.DoesNotContain("Not-The-Password-7", failure.ToString());
    }

    [SshdFact]
    public async Task A_missing_key_file_is_named_and_the_password_is_used_when_one_is_given_as_ssh_does()
    {
        var missing = Path.Combine(sshd.Server.Directory, "no-such-key");
        var notices = new List<string>();
        var options = TestConnections.Options(sshd.Server) with { Notice = notices.Add };
        var variables = new Dictionary<string, object?> { ["ansible_password"] = sshd.Users.Password, ["ansible_ssh_private_key_file"] = missing };

        await using (var connection = await TestConnections.OpenAsync(sshd.Server, user: sshd.Users.PasswordUser, options: options, extra: variables))
        {
            Assert.Equal(sshd.Users.PasswordUser + "\n", (await connection.RunAsync(CommandSpec.Probe("id", "-un"), CancellationToken.None)).Stdout);
        }

        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            TestConnections.OpenAsync(sshd.Server, extra: new Dictionary<string, object?> { ["ansible_ssh_private_key_file"] = missing }));

        var notice = Assert.Single(notices);
        Assert.Contains($"private key file {missing} (ansible_ssh_private_key_file) does not exist; trying the password", notice);
        Assert.Contains($"private key file {missing} (ansible_ssh_private_key_file) does not exist", failure.Message);
        Assert.DoesNotContain("Could not find", failure.Message);
    }

    [SshdFact]
    public async Task A_host_named_localhost_with_an_explicit_address_and_port_is_reached_over_ssh()
    {
        var variables = sshd.Server.HostVariables(0, "root");

        await using var connection = ConnectionFactory.Create("localhost", variables, TestConnections.Options(sshd.Server));
        await connection.OpenAsync(CancellationToken.None);
        var result = await connection.RunAsync(CommandSpec.Shell("echo \"$SSH_CONNECTION\"", CommandKind.Probe), CancellationToken.None);

        Assert.IsNotType<LocalConnection>(connection);
        Assert.Contains($"{sshd.Server.Addresses[0]} {sshd.Server.Port}", result.Stdout);
    }

    [SshdFact]
    public async Task Password_authentication_works()
    {
        var variables = new Dictionary<string, object?> { ["ansible_password"] = sshd.Users.Password, ["ansible_ssh_private_key_file"] = null };

        await using var connection = await TestConnections.OpenAsync(sshd.Server, user: sshd.Users.PasswordUser, extra: variables);

        Assert.Equal(sshd.Users.PasswordUser + "\n", (await connection.RunAsync(CommandSpec.Probe("id", "-un"), CancellationToken.None)).Stdout);
    }

    [SshdFact]
    public async Task A_connection_killed_mid_command_fails_that_command_clearly_and_can_reconnect()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4);
        var sessionPid = await TestConnections.SshdSessionPidAsync(connection);

        var running = connection.RunAsync(CommandSpec.Change("sleep", "30"), CancellationToken.None);
        await Task.Delay(300);
        System.Diagnostics.Process.GetProcessById(sessionPid).Kill();
        var lost = await Assert.ThrowsAsync<HostUnreachableException>(() => running.WaitAsync(TimeSpan.FromSeconds(60)));
        var next = await Assert.ThrowsAsync<HostUnreachableException>(() => connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None));
        await connection.ReconnectAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal($"host5: connection to root@127.0.1.5:{sshd.Server.Port} lost while running `sleep 30`", lost.Message[..lost.Message.IndexOf(" (", StringComparison.Ordinal)]);
        Assert.Contains("was lost", next.Message);
        Assert.True((await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None)).Succeeded);
    }

    [SshdFact]
    public async Task ReconnectAsync_waits_for_a_restarted_server_with_backoff_and_gives_up_after_the_timeout()
    {
        await using var server = await SshServer.StartAsync(hosts: 1);
        await using var connection = await TestConnections.OpenAsync(server);
        var sessionPid = await TestConnections.SshdSessionPidAsync(connection);

        await server.StopAsync();
        System.Diagnostics.Process.GetProcessById(sessionPid).Kill();
        var restart = Task.Delay(1500).ContinueWith(_ => server.StartAgainAsync(), TaskScheduler.Default).Unwrap();
        await connection.ReconnectAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await restart;
        var afterReboot = await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None);
        await server.StopAsync();
        var gaveUp = await Assert.ThrowsAsync<HostUnreachableException>(() => connection.ReconnectAsync(TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.True(afterReboot.Succeeded);
        Assert.Contains("did not come back within 2 s", gaveUp.Message);
        Assert.Contains("connection refused", gaveUp.Message);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
