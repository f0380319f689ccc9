using Converge.Core.Connections;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// Which client a connection uses, read from the real sshd's DEBUG log (the client's identification line): Converge's
/// own client for a server that speaks its algorithms, SSH.NET for one that does not, decided once per endpoint.
/// </summary>
[Trait("Requires", "sshd")]
public sealed class SshNetFallbackTests
{
    internal const string OwnClient = "Converge_1";

    [SshdFact]
    public async Task A_default_server_is_reached_by_Converges_own_client_and_UseSshNet_forces_SSH_NET()
    {
        await using var server = await SshServer.StartAsync(hosts: 1, extraConfig: "LogLevel DEBUG");
        var notices = new List<string>();
        var options = TestConnections.Options(server) with { Notice = notices.Add };

        await RunTwiceAsync(server, options);
        await RunTwiceAsync(server, options with { UseSshNet = true });

        var clients = server.ClientSoftwareSince();
        Assert.Equal(4, clients.Count);
        Assert.Equal([OwnClient, OwnClient], clients.Take(2));
        Assert.All(clients.Skip(2), c => Assert.True(IsSshNet(c), c));
        Assert.Empty(notices);
    }

    [SshdFact]
    public async Task A_server_with_only_AES_CTR_is_reached_through_SSH_NET_with_one_notice()
    {
        await AssertFallsBackOnceAsync("Ciphers aes128-ctr", "no common cipher (client to server) algorithm (the server offers aes128-ctr;");
    }

    [SshdFact]
    public async Task A_server_with_only_finite_field_Diffie_Hellman_is_reached_through_SSH_NET_with_one_notice()
    {
        await AssertFallsBackOnceAsync("KexAlgorithms diffie-hellman-group14-sha256", "no common key exchange algorithm (the server offers diffie-hellman-group14-sha256");
    }

    [SshdFact]
    public async Task Converges_own_client_prefers_ECDH_on_P_256_and_speaks_curve25519_to_a_server_that_offers_only_that()
    {
        // sshd's DEBUG log names the method it agreed ("kex: algorithm: …"); P-256 costs sshd ~5 ms less CPU per login
        // than its reference curve25519 code (WireAlgorithms.KeyExchange).
        foreach (var (config, agreed) in new[]
        {
            (string.Empty, "ecdh-sha2-nistp256"),
            ("KexAlgorithms ecdh-sha2-nistp256", "ecdh-sha2-nistp256"),
            ("KexAlgorithms curve25519-sha256", "curve25519-sha256"),
            ("KexAlgorithms curve25519-sha256@libssh.org", "curve25519-sha256@libssh.org"),
        })
        {
            await using var server = await SshServer.StartAsync(hosts: 1, extraConfig: "LogLevel DEBUG\n" + config);
            var notices = new List<string>();

            await RunTwiceAsync(server, TestConnections.Options(server) with { Notice = notices.Add });

            Assert.Empty(notices);
            Assert.Equal([OwnClient, OwnClient], server.ClientSoftwareSince());
            var methods = server.LogSince().Split('\n').Where(l => l.Contains("kex: algorithm: ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("kex: algorithm: ", StringComparison.Ordinal) + 16)..].Replace("[preauth]", string.Empty, StringComparison.Ordinal).Trim()).ToList();
            Assert.Equal([agreed, agreed], methods);
        }
    }

    private static async Task AssertFallsBackOnceAsync(string config, string why)
    {
        await using var server = await SshServer.StartAsync(hosts: 1, extraConfig: "LogLevel DEBUG\n" + config);
        var notices = new List<string>();
        var options = TestConnections.Options(server) with { Notice = notices.Add };

        await RunTwiceAsync(server, options);

        var notice = Assert.Single(notices);
        Assert.StartsWith($"host1: {why}", notice);
        Assert.EndsWith("; connecting through SSH.NET instead", notice);

        // The first connection tried Converge's client, which gave up on the server's key exchange offer before
        // anything secret was sent; the second went straight to SSH.NET (the endpoint is remembered).
        var clients = server.ClientSoftwareSince();
        Assert.Equal(3, clients.Count);
        Assert.Equal(OwnClient, clients[0]);
        Assert.All(clients.Skip(1), c => Assert.True(IsSshNet(c), c));
    }

    /// <summary>Two connections one after the other, each running a command (output on both streams) and moving a file both ways.</summary>
    private static async Task RunTwiceAsync(SshServer server, ConnectionOptions options)
    {
        var path = Path.Combine(server.HostDirectory(0), $"fallback-{Guid.NewGuid():N}");
        for (var i = 0; i < 2; i++)
        {
            await using var connection = await TestConnections.OpenAsync(server, options: options);
            var result = await connection.RunAsync(CommandSpec.Shell("echo reached; echo warned >&2", CommandKind.Probe), CancellationToken.None);
            await connection.WriteFileAsync(path, "content\n"u8.ToArray(), FileWriteOptions.Default, CancellationToken.None);

            Assert.Equal(new CommandResult(0, null, "reached\n", "warned\n"), result);
            Assert.Equal("content\n"u8.ToArray(), await connection.ReadFileAsync(path, null, CancellationToken.None));
        }
    }

    // SSH.NET says SSH-2.0-Renci.SshNet.SshClient.2026.0.0.
    private static bool IsSshNet(string software) => software.StartsWith("Renci.SshNet.", StringComparison.Ordinal);
}
