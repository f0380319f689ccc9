using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Converge.TestKit.Sshd;

/// <summary>
/// A real OpenSSH <c>sshd</c> for tests, with its own config, host key, authorized client key and port,
/// listening on 127.0.1.1 … 127.0.1.N (Linux routes all of 127/8 to lo), so N addresses act as N hosts.
/// sshd listens on at most 16 sockets (MAX_LISTEN_SOCKS), so every 16 addresses get their own sshd
/// process, all with the same keys and port. They run in the foreground (<c>-D</c>) as children of the
/// test process and are stopped by their pids.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private const int AddressesPerProcess = 16;

    private const string DefaultKeyType = "ed25519";

    private readonly List<Process> _processes = [];

    private readonly IsolatedNetwork? _network;

    private readonly string _hostKeyType;

    private readonly string _extraConfig;

    private readonly bool _orphansNeverReaped;
    private readonly bool _processesHidden;

    private SshServer(string directory, int port, IReadOnlyList<string> addresses, IsolatedNetwork? network = null, string hostKeyType = DefaultKeyType, string extraConfig = "", bool orphansNeverReaped = false, bool processesHidden = false)
    {
        _processesHidden = processesHidden;
        _orphansNeverReaped = orphansNeverReaped;
        Directory = directory;
        Port = port;
        Addresses = addresses;
        _network = network;
        _hostKeyType = hostKeyType;
        _extraConfig = extraConfig;
    }

    /// <summary>The server's private folder: config, keys, log, known_hosts and per-host scratch folders.</summary>
    public string Directory { get; }

    public int Port { get; }

    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The client key authorized for every user (OpenSSH format, no passphrase).</summary>
    public string ClientKeyFile => Path.Combine(Directory, "client_ed25519");

    /// <summary>A known_hosts file that trusts this server on every address.</summary>
    public string KnownHostsFile => Path.Combine(Directory, "known_hosts");

    /// <summary>The server's public host key, as <c>ssh-ed25519 AAAA…</c> (or the type it was started with).</summary>
    public string HostKeyLine => File.ReadAllText(Path.Combine(Directory, $"ssh_host_{_hostKeyType}_key.pub")).Trim();

    /// <summary>Another public key of the host key's type, for tests that need a known_hosts entry that does not match.</summary>
    public string ImpostorKeyLine => File.ReadAllText(Path.Combine(Directory, $"impostor_{_hostKeyType}.pub")).Trim();

    /// <summary>The sshd log (all processes append to it).</summary>
    public string LogFile => Path.Combine(Directory, "sshd.log");

    /// <summary>The pid of the sshd that serves the first address (each serves 16), for tests that take a host down.</summary>
    public int ProcessId => _processes.Count > 0 && !_processes[0].HasExited ? _processes[0].Id : throw new InvalidOperationException("sshd is not running");

    /// <summary>The log's current length: pass it to <see cref="SessionsSince"/> to look at what happens after now.</summary>
    public long LogLength => File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;

    /// <summary>
    /// The sessions (exec channels: commands, probe batches, file transfers) sshd started since
    /// <paramref name="logOffset"/>, counted per connection (keyed by the client's port, one connection per host
    /// and run), from the lines sshd logs at LogLevel VERBOSE when it accepts a key and starts a session.
    /// </summary>
    public IReadOnlyDictionary<string, int> SessionsSince(long logOffset)
    {
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(logOffset, SeekOrigin.Begin);
        var sessions = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var port = line.LastIndexOf(" port ", StringComparison.Ordinal) is var at and >= 0 ? line[(at + 6)..].Split(' ')[0] : null;
            if (port is null)
            {
                continue;
            }

            if (line.StartsWith("Accepted publickey for ", StringComparison.Ordinal) || line.StartsWith("Accepted password for ", StringComparison.Ordinal))
            {
                sessions.TryAdd(port, 0);
            }
            else if (line.StartsWith("Starting session: ", StringComparison.Ordinal))
            {
                sessions[port] = sessions.GetValueOrDefault(port) + 1;
            }
        }

        return sessions;
    }

    /// <summary>The sshd log from <paramref name="logOffset"/> on (see <see cref="LogLength"/>).</summary>
    public string LogSince(long logOffset = 0)
    {
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(logOffset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The software of each client that connected since <paramref name="logOffset"/>, in order, from the line sshd
    /// logs at LogLevel DEBUG (<c>remote software version Converge_1</c>): which SSH client a connection used.
    /// </summary>
    public IReadOnlyList<string> ClientSoftwareSince(long logOffset = 0)
    {
        const string marker = "remote software version ";
        return [.. LogSince(logOffset).Split('\n')
            .Where(line => line.Contains(marker, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim())];
    }

    /// <summary>The pids of every running sshd (one per 16 addresses), for profiling.</summary>
    public IReadOnlyList<int> ProcessIds => [.. _processes.Where(p => !p.HasExited).Select(p => p.Id)];

    private int ProcessCount => (Addresses.Count + AddressesPerProcess - 1) / AddressesPerProcess;

    private string ConfigFile(int process) => Path.Combine(Directory, $"sshd_config.{process}");

    /// <summary>
    /// Starts sshd on <paramref name="hosts"/> addresses. A test of key types or algorithms passes the only host key
    /// type sshd gets (<c>ed25519</c>, <c>rsa</c>, <c>ecdsa</c>) and config lines, which come first in sshd_config
    /// so they win over the defaults (sshd keeps the first value of a keyword): <c>LogLevel DEBUG</c>,
    /// <c>Ciphers aes128-ctr</c>.
    /// <para>
    /// With <paramref name="orphansNeverReaped"/> sshd runs in a PID namespace of its own whose PID 1 never reaps
    /// (<c>sleep infinity</c>, as in a container started with it): a session process whose parent exits first stays a
    /// zombie for good, as it does on such hosts.
    /// </para>
    /// <para>
    /// With <paramref name="processesHidden"/> sshd runs in a mount namespace whose <c>/proc</c> is mounted with
    /// <c>hidepid=invisible</c>, as on hardened hosts: a user who logs in sees only their own processes there.
    /// </para>
    /// </summary>
    public static async Task<SshServer> StartAsync(int hosts = 5, string hostKeyType = DefaultKeyType, string extraConfig = "", bool orphansNeverReaped = false, bool processesHidden = false)
    {
        var directory = await CreateKeysAsync(hostKeyType);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var addresses = Enumerable.Range(1, hosts).Select(HostAddressOf).ToList();
            var server = new SshServer(directory, port, addresses, hostKeyType: hostKeyType, extraConfig: extraConfig, orphansNeverReaped: orphansNeverReaped, processesHidden: processesHidden);
            server.WriteConfig();
            try
            {
                await server.StartAgainAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between the probe and sshd's bind; try another.
                await server.StopAsync();
            }
        }
    }

    /// <summary>The i-th host's address (from 1): 127.0.1.1 … 127.0.1.254, then 127.0.2.1 …, so a benchmark can run 1,000 hosts.</summary>
    public static string HostAddressOf(int i) => $"127.0.{1 + ((i - 1) / 254)}.{1 + ((i - 1) % 254)}";

    /// <summary>One host: an sshd on port 22 inside <paramref name="network"/>, which a test can cut off (the caller disposes the network).</summary>
    public static async Task<SshServer> StartInAsync(IsolatedNetwork network)
    {
        var server = new SshServer(await CreateKeysAsync(DefaultKeyType), 22, [network.HostAddress], network);
        server.WriteConfig();
        await server.StartAgainAsync();
        return server;
    }

    private static async Task<string> CreateKeysAsync(string hostKeyType)
    {
        if (SshdRequirements.MissingReason is { } reason)
        {
            throw new InvalidOperationException("cannot start sshd: " + reason);
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("converge-sshd-").FullName;

        // sshd reads authorized_keys as the logging-in user, so the folder must be readable by the test users.
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", hostKeyType, "-N", string.Empty, "-C", "converge-test-host", "-f", Path.Combine(directory, $"ssh_host_{hostKeyType}_key")]);
        await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-C", "converge-test-client", "-f", Path.Combine(directory, "client_ed25519")]);
        await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", hostKeyType, "-N", string.Empty, "-C", "converge-test-impostor", "-f", Path.Combine(directory, $"impostor_{hostKeyType}")]);
        File.Copy(Path.Combine(directory, "client_ed25519.pub"), Path.Combine(directory, "authorized_keys"));
        File.SetUnixFileMode(Path.Combine(directory, "authorized_keys"), (UnixFileMode)0b110_100_100);

        // sshd refuses to start without its privilege separation directory (Debian creates it from systemd).
        System.IO.Directory.CreateDirectory("/run/sshd");
        return directory;
    }

    /// <summary>The folder tests on host <paramref name="index"/> (0-based) keep their files in; created on first use.</summary>
    public string HostDirectory(int index)
    {
        var path = Path.Combine(Directory, "hosts", $"h{index + 1}");
        System.IO.Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        return path;
    }

    /// <summary>Ansible-style variables that reach host <paramref name="index"/> as <paramref name="user"/> with the client key.</summary>
    public Dictionary<string, object?> HostVariables(int index, string user = "root") => new()
    {
        ["ansible_host"] = Addresses[index],
        ["ansible_port"] = Port,
        ["ansible_user"] = user,
        ["ansible_ssh_private_key_file"] = ClientKeyFile,
    };

    /// <summary>Starts sshd (again, after <see cref="StopAsync"/>) with the same config, keys and port, and waits until every address accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        for (var i = 0; i < ProcessCount; i++)
        {
            // Inside a namespace, `ip netns exec` execs sshd in place: the pid is still sshd's.
            // Without a reaping PID 1: unshare's child is that PID 1; it starts sshd and becomes `sleep`, and unshare
            // kills it (and with it the namespace) when it is stopped. With hidden processes unshare and sh exec in
            // place: the pid is still sshd's. With both, that PID 1 mounts the namespace's /proc hidden first.
            string[] program = _network is not null ? ["ip", "netns", "exec", _network.Name, SshdRequirements.SshdPath]
                : _orphansNeverReaped && _processesHidden ? ["unshare", "--pid", "--fork", "--kill-child", "--mount", "--propagation", "private", "/bin/sh", "-c", "mount -t proc -o hidepid=invisible proc /proc && { \"$0\" \"$@\" & exec sleep infinity; }", SshdRequirements.SshdPath]
                : _orphansNeverReaped ? ["unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "/bin/sh", "-c", "\"$0\" \"$@\" & exec sleep infinity", SshdRequirements.SshdPath]
                : _processesHidden ? ["unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", "mount -t proc -o hidepid=invisible proc /proc && exec \"$0\" \"$@\"", SshdRequirements.SshdPath]
                : [SshdRequirements.SshdPath];
            var start = new ProcessStartInfo(program[0])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[.. program[1..], "-D", "-f", ConfigFile(i), "-E", LogFile])
            {
                start.ArgumentList.Add(argument);
            }

            _processes.Add(Process.Start(start) ?? throw new InvalidOperationException("sshd did not start"));
        }

        // A thousand addresses are 63 sshd processes: on a busy machine they need more than a fixed 15 s to come up.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15) + TimeSpan.FromMilliseconds(50 * Addresses.Count);
        for (var a = 0; a < Addresses.Count; a++)
        {
            var address = Addresses[a];
            while (!await AcceptsAsync(address))
            {
                if (_processes[a / AddressesPerProcess].HasExited || DateTime.UtcNow > deadline)
                {
                    var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : string.Empty;
                    // Where the probe's packets went: a wrong or dead route is the usual reason in a namespace.
                    var route = _network is null ? string.Empty : "; ip route get: " + await ProcessRunner.RunAsync("ip", ["route", "get", address], check: false);
                    throw new InvalidOperationException($"sshd did not come up on {address}:{Port}{route}: {log}");
                }

                await Task.Delay(20);
            }
        }
    }

    /// <summary>Stops the listening sshd by its pid. Sessions already open keep running, as with a real sshd restart.</summary>
    public async Task StopAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        _processes.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A session that outlived the server may still hold a scratch file; the temp folder is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> AcceptsAsync(string address)
    {
        // A SYN that goes unanswered (a dropped packet on a veth just brought up) would block a connect for the kernel's
        // retries, past the deadline: each attempt gets a second, and the loop tries again.
        using var client = new TcpClient();
        using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Parse(address), Port, attempt.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private void WriteConfig()
    {
        for (var i = 0; i < ProcessCount; i++)
        {
            var listen = string.Join('\n', Addresses.Skip(i * AddressesPerProcess).Take(AddressesPerProcess).Select(a => $"ListenAddress {a}:{Port}"));
            WriteConfig(ConfigFile(i), listen, $"{Directory}/sshd.{i}.pid");
        }

        File.WriteAllLines(KnownHostsFile, Addresses.Select(a => $"{(Port == 22 ? a : $"[{a}]:{Port}")} {HostKeyLine}"));
    }

    private void WriteConfig(string file, string listen, string pidFile)
    {
        File.WriteAllText(file, $"""
            {_extraConfig}
            {listen}
            HostKey {Directory}/ssh_host_{_hostKeyType}_key
            PidFile {pidFile}
            AuthorizedKeysFile {Directory}/authorized_keys
            # The key lives in a temp folder under /tmp (world-writable), which StrictModes would reject.
            StrictModes no
            PermitRootLogin yes
            PubkeyAuthentication yes
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            # No PAM: pam_loginuid fails in containers without CAP_AUDIT_CONTROL, and the tests need none of it.
            UsePAM no
            UseDNS no
            PrintMotd no
            # Many hosts connect at once in parallel tests and the benchmark; the default 10:30:100 drops some.
            MaxStartups 500
            MaxSessions 50
            LogLevel VERBOSE
            Subsystem sftp internal-sftp

            """.Replace("\n            ", "\n", StringComparison.Ordinal));
    }
}
