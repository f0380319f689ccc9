using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// Converge's own SSH client (Connections/Ssh/Wire) against real sshd: more bytes than a channel window holds in
/// each direction, keys renewed many times in the middle of a transfer, and servers that are not SSH servers.
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class WireClientTests(SshdFixture sshd)
{
    // Well past the 2 MiB window each side grants a session channel (CHAN_SES_WINDOW_DEFAULT, WireClient.LocalWindow).
    private const int PastTheWindow = 6 * 1024 * 1024;

    // A window never reopened or a re-exchange that never ends stalls the transfer: fail then, don't hang the run.
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(60);

    [SshdFact]
    public async Task A_reply_and_an_upload_larger_than_the_channel_window_arrive_whole_and_in_order()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 2);
        var path = Path.Combine(sshd.Server.HostDirectory(2), $"window-{Guid.NewGuid():N}");
        var upload = RandomNumberGenerator.GetBytes(PastTheWindow);

        // ~8.9 MB of numbered lines: a lost, repeated or reordered chunk changes the text.
        var reply = await connection.RunAsync(CommandSpec.Probe("seq", "1", "1200000"), CancellationToken.None).WaitAsync(Stuck);
        await connection.WriteFileAsync(path, upload, FileWriteOptions.Default, CancellationToken.None).WaitAsync(Stuck);
        var digest = await connection.RunAsync(CommandSpec.Probe("sha256sum", path), CancellationToken.None);

        Assert.True(reply.Stdout == Numbers(1200000), $"the reply differs: {reply.Stdout.Length} characters instead of {Numbers(1200000).Length}");
        Assert.Equal($"{Convert.ToHexStringLower(SHA256.HashData(upload))}  {path}\n", digest.Stdout);
    }

    [SshdFact]
    public async Task Keys_renewed_by_the_server_every_64_KiB_leave_megabytes_each_way_intact()
    {
        await using var server = await SshServer.StartAsync(hosts: 1, extraConfig: "LogLevel DEBUG\nRekeyLimit 64K");
        var path = Path.Combine(server.HostDirectory(0), "rekeyed");
        var content = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        byte[]? back;
        CommandResult after;
        await using (var connection = await TestConnections.OpenAsync(server))
        {
            await connection.WriteFileAsync(path, content, FileWriteOptions.Default, CancellationToken.None).WaitAsync(Stuck);
            back = await connection.ReadFileAsync(path, null, CancellationToken.None).WaitAsync(Stuck);
            after = await connection.RunAsync(CommandSpec.Probe("echo", "still here"), CancellationToken.None);
        }

        Assert.True(content.AsSpan().SequenceEqual(back), $"read back {back?.Length} bytes that differ from the {content.Length} written");
        Assert.Equal("still here\n", after.Stdout);

        // sshd logs "SSH2_MSG_NEWKEYS received" for each exchange: 4 MiB each way at 64 KiB is over a hundred.
        var log = await GoodbyeLoggedAsync(server);
        var exchanges = log.Split('\n').Count(l => l.Contains("SSH2_MSG_NEWKEYS received", StringComparison.Ordinal));
        Assert.True(exchanges > 50, $"{exchanges} key exchanges");
        Assert.Equal([SshNetFallbackTests.OwnClient], server.ClientSoftwareSince());
        AssertNoProtocolErrors(log);
    }

    /// <summary>The sshd log once it shows the client's goodbye (RFC 4253 §11.1, sent in the background on dispose); fails if none comes.</summary>
    private static async Task<string> GoodbyeLoggedAsync(SshServer server)
    {
        for (var waited = 0; ; waited += 50)
        {
            var log = server.LogSince();
            if (log.Contains("Received disconnect from ", StringComparison.Ordinal) && log.Contains(":11: closed by Converge", StringComparison.Ordinal))
            {
                return log;
            }

            Assert.True(waited < 5000, "sshd logged no goodbye from the client:\n" + log[^Math.Min(log.Length, 2000)..]);
            await Task.Delay(50);
        }
    }

    [SshdFact]
    public async Task A_server_that_closes_right_after_its_identification_fails_the_connection_clearly()
    {
        using var listener = Listener("SSH-2.0-x\r\n", close: true);

        var failure = await ConnectToAsync(listener);

        Assert.Equal($"host1: cannot connect to 127.0.0.1:{Port(listener)}: the server closed the connection", failure.Message);
    }

    [SshdFact]
    public async Task A_server_that_is_not_an_SSH_server_is_named_as_such_whether_it_closes_or_keeps_talking()
    {
        using var web = Listener("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", close: true);
        using var noise = Listener(new string('x', 10_000), close: false);

        var closed = await ConnectToAsync(web);
        var talking = await ConnectToAsync(noise);

        Assert.Contains("sent no SSH identification line (is this an SSH server?)", closed.Message);
        Assert.Contains("sent no SSH identification line (is this an SSH server?)", talking.Message);
    }

    [SshdFact]
    public async Task A_host_key_signature_that_does_not_verify_is_refused_though_the_key_is_trusted()
    {
        const byte kexEcdhReply = 31;
        using var honest = new KeyExchangeTamperingProxy(sshd.Server.Addresses[2], sshd.Server.Port, packet => [packet]);
        using var forger = new KeyExchangeTamperingProxy(
            sshd.Server.Addresses[2],
            sshd.Server.Port,
            packet => [KeyExchangeTamperingProxy.MessageOf(packet) == kexEcdhReply ? KeyExchangeTamperingProxy.WithLastPayloadByteFlipped(packet) : packet]);

        await using (var connection = await ConnectThroughAsync(honest))
        {
            Assert.True((await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None)).Succeeded);
        }

        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() => ConnectThroughAsync(forger));

        Assert.Equal(
            $"host1: cannot connect to 127.0.0.1:{forger.Port}: the server's host key signature does not verify: it does not hold the key it presented",
            failure.Message);
    }

    [SshdFact]
    public async Task A_server_key_exchange_value_of_small_order_is_refused_as_RFC_8731_requires()
    {
        // The server's X25519 value replaced by zeros (a point of small order): the shared secret would be all zeros,
        // a session key the man in the middle knows. The host key signature would not verify either, but the value is
        // refused before. The server offers only curve25519 (Converge prefers P-256).
        const byte kexEcdhReply = 31;
        await using var server = await SshServer.StartAsync(hosts: 1, extraConfig: "KexAlgorithms curve25519-sha256");
        using var zeroed = new KeyExchangeTamperingProxy(
            server.Addresses[0],
            server.Port,
            packet => [KeyExchangeTamperingProxy.MessageOf(packet) == kexEcdhReply ? WithServerValueChanged(packet, 32, value => Array.Clear(value)) : packet]);

        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() => ConnectThroughAsync(zeroed, server));

        Assert.Equal($"host1: cannot connect to 127.0.0.1:{zeroed.Port}: the server's key exchange value is invalid", failure.Message);
    }

    [SshdFact]
    public async Task A_server_P_256_value_that_is_not_a_point_on_the_curve_is_refused()
    {
        // RFC 5656 §4 (invalid-curve attacks): the peer's point must be on the curve. The last byte of Y changed leaves a
        // well-formed uncompressed point (04 || X || Y) that is not on P-256; so is one whose prefix is not 04.
        const byte kexEcdhReply = 31;
        using var offCurve = new KeyExchangeTamperingProxy(
            sshd.Server.Addresses[2],
            sshd.Server.Port,
            packet => [KeyExchangeTamperingProxy.MessageOf(packet) == kexEcdhReply ? WithServerValueChanged(packet, 65, value => value[^1] ^= 1) : packet]);
        using var compressed = new KeyExchangeTamperingProxy(
            sshd.Server.Addresses[2],
            sshd.Server.Port,
            packet => [KeyExchangeTamperingProxy.MessageOf(packet) == kexEcdhReply ? WithServerValueChanged(packet, 65, value => value[0] = 0x02) : packet]);

        var first = await Assert.ThrowsAsync<HostUnreachableException>(() => ConnectThroughAsync(offCurve));
        var second = await Assert.ThrowsAsync<HostUnreachableException>(() => ConnectThroughAsync(compressed));

        Assert.Equal($"host1: cannot connect to 127.0.0.1:{offCurve.Port}: the server's key exchange value is invalid", first.Message);
        Assert.Equal($"host1: cannot connect to 127.0.0.1:{compressed.Port}: the server's key exchange value is invalid", second.Message);
    }

    [SshdFact]
    public async Task A_packet_slipped_into_the_first_key_exchange_is_refused_as_strict_key_exchange_requires()
    {
        // The Terrapin attack (CVE-2023-48795) shifts sequence numbers with an SSH_MSG_IGNORE the client accepts during
        // the first exchange; with strict key exchange (sshd offers it) nothing but the exchange's own messages may come.
        const byte kexInit = 20;
        byte[] ignore = [2, 0, 0, 0, 0];
        using var before = new KeyExchangeTamperingProxy(
            sshd.Server.Addresses[2],
            sshd.Server.Port,
            packet => KeyExchangeTamperingProxy.MessageOf(packet) == kexInit ? [KeyExchangeTamperingProxy.Packet(ignore), packet] : [packet]);
        using var within = new KeyExchangeTamperingProxy(
            sshd.Server.Addresses[2],
            sshd.Server.Port,
            packet => KeyExchangeTamperingProxy.MessageOf(packet) == kexInit ? [packet, KeyExchangeTamperingProxy.Packet(ignore)] : [packet]);

        var first = await Assert.ThrowsAsync<HostUnreachableException>(() => ConnectThroughAsync(before));
        var during = await Assert.ThrowsAsync<HostUnreachableException>(() => ConnectThroughAsync(within));

        Assert.Equal($"host1: cannot connect to 127.0.0.1:{before.Port}: strict key exchange: the server's offer was not its first packet", first.Message);
        Assert.Equal($"host1: cannot connect to 127.0.0.1:{within.Port}: the server sent message 2 during key exchange, where 31 was due", during.Message);
    }

    /// <summary>Nothing in sshd's log says the client broke the protocol (a bad packet, a strict key exchange violation, a MAC or GCM failure).</summary>
    private static void AssertNoProtocolErrors(string log)
    {
        string[] signs = ["error", "fatal", "violation", "corrupt", "Bad packet", "incorrect", "message authentication code"];
        var bad = log.Split('\n').Where(l => signs.Any(s => l.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(bad.Count == 0, string.Join('\n', bad));
    }

    /// <summary>
    /// A copy of a raw KEX_ECDH_REPLY packet (RFC 5656 §4: host key, server value, signature) whose server value, which
    /// must be <paramref name="length"/> bytes long, <paramref name="change"/> has altered.
    /// </summary>
    private static byte[] WithServerValueChanged(byte[] packet, int length, Action<byte[]> change)
    {
        var copy = (byte[])packet.Clone();
        var at = 5 + 1 + 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(6)) + 4;
        Assert.Equal((uint)length, BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(at - 4)));
        var value = copy[at..(at + length)];
        change(value);
        value.CopyTo(copy, at);
        return copy;
    }

    private static string Numbers(int last)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= last; i++)
        {
            text.Append(i).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Connects to the test sshd (or <paramref name="other"/>) through <paramref name="proxy"/>, trusting its real host key there.</summary>
    private async Task<IConnection> ConnectThroughAsync(KeyExchangeTamperingProxy proxy, SshServer? other = null)
    {
        var server = other ?? sshd.Server;
        var knownHosts = Path.Combine(server.Directory, $"known_hosts-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(knownHosts, $"[127.0.0.1]:{proxy.Port} {server.HostKeyLine}\n");
        var options = TestConnections.Options(server) with { KnownHostsFile = knownHosts };
        var variables = new Dictionary<string, object?> { ["ansible_host"] = "127.0.0.1", ["ansible_port"] = proxy.Port };
        return await TestConnections.OpenAsync(server, options: options, extra: variables);
    }

    private async Task<HostUnreachableException> ConnectToAsync(TcpListener listener)
    {
        var options = TestConnections.Options(sshd.Server) with { ConnectTimeout = TimeSpan.FromSeconds(20) };
        var variables = new Dictionary<string, object?> { ["ansible_host"] = "127.0.0.1", ["ansible_port"] = Port(listener) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() => TestConnections.OpenAsync(sshd.Server, options: options, extra: variables));

        // Told at once, not when the connect timeout runs out.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"failed after {clock.Elapsed}: {failure.Message}");
        return failure;
    }

    /// <summary>
    /// A TCP server on loopback that answers each connection with <paramref name="greeting"/>, then closes its side
    /// (and reads what the client sent until it closes too, so the close is a FIN, never a reset) or keeps talking.
    /// </summary>
    private static TcpListener Listener(string greeting, bool close)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = Task.Run(async () =>
        {
            var open = new List<Socket>();
            try
            {
                while (true)
                {
                    var socket = await listener.AcceptSocketAsync();
                    await socket.SendAsync(Encoding.ASCII.GetBytes(greeting));
                    if (close)
                    {
                        socket.Shutdown(SocketShutdown.Send);
                        var buffer = new byte[4096];
                        while (await socket.ReceiveAsync(buffer) > 0)
                        {
                        }

                        socket.Dispose();
                    }
                    else
                    {
                        open.Add(socket);
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The test stopped the listener.
                open.ForEach(s => s.Dispose());
            }
        });
        return listener;
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;
}
