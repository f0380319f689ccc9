using Converge.Core.Connections;
using Converge.Core.Connections.Ssh;
using Converge.Core.Diagnostics;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class SshHostKeyTests(SshdFixture sshd) : IDisposable
{
    private readonly string _knownHosts = Path.Combine(Path.GetTempPath(), $"converge-known-hosts-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_knownHosts);

    private ConnectionOptions Options(bool acceptNew = false) =>
        TestConnections.Options(sshd.Server) with { KnownHostsFile = _knownHosts, AcceptNewHostKeys = acceptNew };

    private string HostName(int host) => HostName(sshd.Server, host);

    private static string HostName(SshServer server, int host) => $"[{server.Addresses[host]}]:{server.Port}";

    [SshdFact]
    public async Task An_unknown_host_key_is_refused_with_a_way_to_trust_it()
    {
        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() => TestConnections.OpenAsync(sshd.Server, host: 3, options: Options()));

        Assert.Contains("unknown host key", failure.Message);
        Assert.Contains("SHA256:", failure.Message);
        Assert.Contains("--accept-new-host-keys", failure.Message);
        Assert.Contains($"ssh-keyscan -p {sshd.Server.Port} {sshd.Server.Addresses[3]} >> {_knownHosts}", failure.Message);
        Assert.False(File.Exists(_knownHosts));
    }

    [SshdFact]
    public async Task Accepting_new_keys_records_them_and_later_connections_trust_them()
    {
        await using (var first = await TestConnections.OpenAsync(sshd.Server, host: 3, options: Options(acceptNew: true)))
        {
            Assert.True((await first.RunAsync(CommandSpec.Probe("true"), CancellationToken.None)).Succeeded);
        }

        await using var again = await TestConnections.OpenAsync(sshd.Server, host: 3, options: Options());

        Assert.Equal([$"{HostName(3)} {sshd.Server.HostKeyLine.Split(' ')[0]} {sshd.Server.HostKeyLine.Split(' ')[1]}"], File.ReadAllLines(_knownHosts));
    }

    [SshdFact]
    public async Task Accepting_a_new_key_says_which_host_key_type_and_fingerprint_was_added_as_ssh_does()
    {
        var notices = new List<string>();
        var options = Options(acceptNew: true) with { Notice = notices.Add };

        await using (await TestConnections.OpenAsync(sshd.Server, host: 3, options: options))
        {
        }

        await using (await TestConnections.OpenAsync(sshd.Server, host: 3, options: options))
        {
        }

        var key = Convert.FromBase64String(sshd.Server.HostKeyLine.Split(' ')[1]);
        var notice = Assert.Single(notices);
        Assert.Equal($"Permanently added '{HostName(3)}' ({sshd.Server.HostKeyLine.Split(' ')[0]} {KnownHostsFile.Fingerprint(key)}) to {_knownHosts}", notice);
    }

    [SshdFact]
    public async Task A_changed_host_key_is_refused_loudly_even_when_accepting_new_keys()
    {
        var impostor = $"{HostName(3)} {sshd.Server.ImpostorKeyLine}";
        await File.WriteAllTextAsync(_knownHosts, impostor + "\n");

        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() => TestConnections.OpenAsync(sshd.Server, host: 3, options: Options(acceptNew: true)));

        AssertRefusedAsChanged(failure, HostName(3));
        Assert.Equal([impostor], File.ReadAllLines(_knownHosts));
    }

    [SshdFact]
    public async Task An_RSA_host_key_is_verified_against_known_hosts_by_Converges_own_client()
    {
        await AssertVerifiedByOwnClientAsync("rsa");
    }

    [SshdFact]
    public async Task An_ECDSA_host_key_is_verified_against_known_hosts_by_Converges_own_client()
    {
        await AssertVerifiedByOwnClientAsync("ecdsa");
    }

    [SshdFact]
    public async Task Hashed_known_hosts_entries_are_trusted()
    {
        await File.WriteAllTextAsync(_knownHosts, $"{HostName(4)} {sshd.Server.HostKeyLine}\n");
        await Cli("ssh-keygen", "-H", "-f", _knownHosts);
        Assert.StartsWith("|1|", await File.ReadAllTextAsync(_knownHosts));

        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 4, options: Options());

        Assert.True((await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None)).Succeeded);
    }

    private static void AssertRefusedAsChanged(HostUnreachableException failure, string hostName)
    {
        Assert.Contains("HOST KEY CHANGED", failure.Message);
        Assert.Contains("man-in-the-middle", failure.Message);
        Assert.Contains($"ssh-keygen -R '{hostName}'", failure.Message);
    }

    /// <summary>
    /// An sshd with only a <paramref name="keyType"/> host key: trusted when known_hosts records that key, refused as
    /// changed when it records another of the same type, and both decided by Converge's own client (no fallback to
    /// SSH.NET, as the sshd log's client identification shows).
    /// </summary>
    private async Task AssertVerifiedByOwnClientAsync(string keyType)
    {
        await using var server = await SshServer.StartAsync(hosts: 1, hostKeyType: keyType, extraConfig: "LogLevel DEBUG");
        var options = TestConnections.Options(server) with { KnownHostsFile = _knownHosts };
        Assert.StartsWith(keyType == "rsa" ? "ssh-rsa " : "ecdsa-sha2-nistp256 ", server.HostKeyLine);

        await File.WriteAllTextAsync(_knownHosts, $"{HostName(server, 0)} {server.HostKeyLine}\n");
        await using (var connection = await TestConnections.OpenAsync(server, options: options))
        {
            Assert.True((await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None)).Succeeded);
        }

        await File.WriteAllTextAsync(_knownHosts, $"{HostName(server, 0)} {server.ImpostorKeyLine}\n");
        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() => TestConnections.OpenAsync(server, options: options with { AcceptNewHostKeys = true }));

        AssertRefusedAsChanged(failure, HostName(server, 0));
        Assert.Equal([SshNetFallbackTests.OwnClient, SshNetFallbackTests.OwnClient], server.ClientSoftwareSince());
    }

    private static async Task Cli(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        await process.WaitForExitAsync();
        File.Delete(arguments[^1] + ".old");
    }
}
