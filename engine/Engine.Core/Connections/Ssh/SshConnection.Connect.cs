using System.Collections.Concurrent;
using System.Net.Sockets;
using Converge.Core.Connections.Ssh.Wire;
using Converge.Core.Diagnostics;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh;

public sealed partial class SshConnection
{
    // Tried in this order when the inventory names no key file, as ssh(1) does (minus ssh-agent, which SSH.NET lacks).
    private static readonly string[] DefaultKeyNames = ["id_ed25519", "id_ecdsa", "id_rsa"];

    // Endpoints whose server offered none of what Converge's own client speaks: later connections (a reconnect
    // after a reboot) go straight to SSH.NET instead of failing the same negotiation again.
    private static readonly ConcurrentDictionary<string, bool> SshNetOnly = new(StringComparer.Ordinal);

    private HostUnreachableException? _hostKeyFailure;

    private async Task<SshSession> ConnectAsync(CancellationToken ct)
    {
        var lookupName = KnownHostPattern.LookupName(_settings.Address, _settings.Port);
        var knownHosts = KnownHostsFile.Load(_options.KnownHostsFile);
        var credentials = Credentials();
        HostKeyVerdict? verdict = null;
        byte[]? presented = null;
        bool Trust(byte[] hostKey)
        {
            presented = hostKey;
            verdict = knownHosts.Verify(lookupName, hostKey);
            return verdict.Status == HostKeyStatus.Trusted || (verdict.Status == HostKeyStatus.Unknown && _options.AcceptNewHostKeys);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_options.ConnectTimeout);
        SshSession? session = null;
        try
        {
            // Converge's own client unless the server needs SSH.NET (or post-quantum key exchange is asked for, which
            // only SSH.NET has): it costs the controller ~30% less CPU per connection and no thread (issue 14).
            if (!_options.PostQuantumKeyExchange && !_options.UseSshNet && !SshNetOnly.ContainsKey(Endpoint))
            {
                try
                {
                    session = await ConnectWireAsync(credentials, knownHosts.KeyTypesFor(lookupName), Trust, limit.Token);
                }
                catch (WireNegotiationException e)
                {
                    SshNetOnly.TryAdd(Endpoint, true);
                    _options.Notice($"{Host}: {e.Message}; connecting through SSH.NET instead");
                }
            }

            session ??= await ConnectSshNetAsync(credentials, knownHosts.KeyTypesFor(lookupName), Trust, limit.Token);
            DeadPeerDetection.Arm(session, _options.DeadPeerTimeout);
            if (verdict is { Status: HostKeyStatus.Unknown } && presented is not null)
            {
                verdict = await KnownHostsFile.RecordAsync(_options.KnownHostsFile, lookupName, presented, ct);
                if (verdict.Status != HostKeyStatus.Trusted)
                {
                    throw new SshConnectionException("host key changed while it was being recorded");
                }

                // As ssh(1) with StrictHostKeyChecking=accept-new: say what is now trusted, so it can be checked.
                _options.Notice($"Permanently added '{lookupName}' ({KnownHostsFile.KeyType(presented)} {KnownHostsFile.Fingerprint(presented)}) to {_options.KnownHostsFile}");
            }

            return session;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            session?.Dispose();
            if (verdict is not null && presented is not null && verdict.Status != HostKeyStatus.Trusted &&
                !(verdict.Status == HostKeyStatus.Unknown && _options.AcceptNewHostKeys))
            {
                _hostKeyFailure = new HostUnreachableException(Host, HostKeyMessage(verdict, presented, lookupName), e);
                throw _hostKeyFailure;
            }

            throw new HostUnreachableException(Host, _options.Redactor.Redact(ConnectFailure(e, credentials.Tried)), e);
        }
    }

    private async Task<SshSession> ConnectWireAsync(LoginCredentials credentials, IReadOnlySet<string> knownTypes, Func<byte[], bool> trust, CancellationToken ct)
    {
        // Like ssh(1), ask for a key type already recorded for the host (see PreferKnownKeyTypes).
        var known = WireAlgorithms.HostKeys.Where(a => knownTypes.Contains(WireAlgorithms.KeyTypeOf(a))).ToList();
        var hostKeys = new WireHostKeyPolicy(known.Count > 0 ? known : WireAlgorithms.HostKeys, trust);

        // One signature algorithm per key: the first SSH.NET offers for it, SHA-2 before SHA-1 for RSA (OpenSSH 8.8
        // refuses ssh-rsa signatures), so a key costs one attempt of the server's MaxAuthTries.
        var keys = credentials.Keys
            .Select(k => k.HostKeyAlgorithms.FirstOrDefault(a => a.Name != "ssh-rsa") ?? k.HostKeyAlgorithms.First())
            .ToList();
        var login = new WireCredentials(_settings.User, keys, credentials.Password);
        var client = await WireClient.ConnectAsync(_settings.Address, _settings.Port, hostKeys, login, _options.KeepAliveInterval, ct);
        return new WireSession(client);
    }

    private async Task<SshSession> ConnectSshNetAsync(LoginCredentials credentials, IReadOnlySet<string> knownTypes, Func<byte[], bool> trust, CancellationToken ct)
    {
        SshNetSession.RaiseThreadPoolMinimum();
        var methods = new List<AuthenticationMethod>();
        if (credentials.Keys.Count > 0)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(_settings.User, [.. credentials.Keys]));
        }

        if (credentials.Password is { } password)
        {
            methods.Add(new PasswordAuthenticationMethod(_settings.User, password.Reveal()));
        }

        var info = new ConnectionInfo(_settings.Address, _settings.Port, _settings.User, [.. methods])
        {
            Timeout = _options.ConnectTimeout,
        };
        PreferKnownKeyTypes(info, knownTypes);
        if (!_options.PostQuantumKeyExchange)
        {
            // SSH.NET's post-quantum hybrids run in managed BouncyCastle code and cost ~85 ms of controller CPU
            // per handshake against ~11 ms for curve25519 (measured on the 2-core CI machine class): 4 s of CPU
            // for 50 hosts. They stay enabled, after the classic ones, for servers that accept nothing else.
            MoveToEnd(info.KeyExchangeAlgorithms, ["mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com"]);
        }

        // AES-GCM (hardware AES, no separate MAC pass) first: faster for file transfers than AES-CTR + HMAC.
        MoveToEnd(info.Encryptions, ["aes128-ctr", "aes192-ctr", "aes256-ctr"]);

        var client = new SshClient(info) { KeepAliveInterval = _options.KeepAliveInterval };
        client.HostKeyReceived += (_, e) => e.CanTrust = trust(e.HostKey);
        try
        {
            await client.ConnectAsync(ct);
            return new SshNetSession(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private bool IsHostKeyFailure(HostUnreachableException e) => ReferenceEquals(e, _hostKeyFailure);

    private LoginCredentials Credentials()
    {
        var tried = new List<string>();
        var keys = new List<PrivateKeyFile>();
        if (_settings.PrivateKeyFiles.Count > 0)
        {
            foreach (var path in _settings.PrivateKeyFiles)
            {
                if (!File.Exists(path) && _settings.Password is not null)
                {
                    // ssh(1) warns "Identity file ... not accessible" and goes on with the other methods.
                    _options.Notice($"{Host}: private key file {path} (ansible_ssh_private_key_file) does not exist; trying the password (ansible_password)");
                    tried.Add($"key {path} (missing)");
                    continue;
                }

                keys.Add(LoadKey(path, explicitlyNamed: true)!);
                tried.Add($"key {path}");
            }
        }
        else
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            foreach (var path in DefaultKeyNames.Select(n => Path.Combine(home, ".ssh", n)).Where(File.Exists))
            {
                if (LoadKey(path, explicitlyNamed: false) is { } key)
                {
                    keys.Add(key);
                    tried.Add($"key {path}");
                }
            }
        }

        if (_settings.Password is not null)
        {
            tried.Add("password");
        }

        if (keys.Count == 0 && _settings.Password is null)
        {
            throw new HostUnreachableException(
                Host,
                "no credentials to log in with: set ansible_ssh_private_key_file or ansible_password, or create ~/.ssh/id_ed25519 (Converge cannot use ssh-agent: SSH.NET does not support it)");
        }

        return new LoginCredentials(keys, _settings.Password, string.Join(", ", tried));
    }

    /// <summary>Reads an OpenSSH (or PEM/PuTTY) key; a default key that cannot be read is skipped, as ssh does.</summary>
    private PrivateKeyFile? LoadKey(string path, bool explicitlyNamed)
    {
        try
        {
            return PrivateKeys.Read(path, _settings.PrivateKeyPassphrase?.Reveal());
        }
        catch (Exception e) when (!explicitlyNamed && e is SshException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            throw new HostUnreachableException(Host, $"private key {path} is encrypted; set ansible_ssh_private_key_passphrase");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || (e is IOException && !File.Exists(path)))
        {
            throw new HostUnreachableException(Host, $"private key file {path} (ansible_ssh_private_key_file) does not exist; fix the path, or set ansible_password to log in with a password");
        }
        catch (Exception e) when (e is SshException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            var hint = _settings.PrivateKeyPassphrase is null ? string.Empty : " (is ansible_ssh_private_key_passphrase right?)";
            throw new HostUnreachableException(Host, _options.Redactor.Redact($"cannot read private key {path}: {e.Message}{hint}"));
        }
    }

    /// <summary>
    /// Like ssh(1), asks the server for a key type already recorded for the host, so a host known by its
    /// RSA key is not reported unknown just because it also offers Ed25519. Certificates are not supported.
    /// </summary>
    private static void PreferKnownKeyTypes(ConnectionInfo info, IReadOnlySet<string> knownTypes)
    {
        var offered = info.HostKeyAlgorithms.Keys.ToList();
        var kept = offered.Where(a => knownTypes.Contains(KeyTypeOf(a))).ToList();
        if (kept.Count == 0)
        {
            return;
        }

        foreach (var algorithm in offered.Except(kept))
        {
            info.HostKeyAlgorithms.Remove(algorithm);
        }
    }

    private static void MoveToEnd<T>(IDictionary<string, T> algorithms, string[] names)
    {
        // SSH.NET keeps these dictionaries in insertion order, which is the order offered to the server.
        foreach (var name in names)
        {
            if (algorithms.Remove(name, out var value))
            {
                algorithms.Add(name, value);
            }
        }
    }

    private static string KeyTypeOf(string hostKeyAlgorithm) => hostKeyAlgorithm switch
    {
        "rsa-sha2-512" or "rsa-sha2-256" => "ssh-rsa",
        _ => hostKeyAlgorithm,
    };

    private string HostKeyMessage(HostKeyVerdict verdict, byte[] presented, string lookupName)
    {
        var file = _options.KnownHostsFile;
        var key = $"{KnownHostsFile.KeyType(presented)} key {KnownHostsFile.Fingerprint(presented)}";
        var at = $"{_settings.Address}:{_settings.Port}";
        return verdict.Status switch
        {
            HostKeyStatus.Changed =>
                $"HOST KEY CHANGED for {at}: it presented {key}, but {file} records {string.Join(", ", verdict.Evidence.Select(e => $"{KnownHostsFile.Fingerprint(e.Key)} (line {e.Line})"))}. " +
                $"Someone may be intercepting the connection (man-in-the-middle), or the host was reinstalled. Converge refuses to connect. " +
                $"If the new key is expected, remove the old one with `ssh-keygen -R '{lookupName}' -f {file}` and connect again.",
            HostKeyStatus.Revoked =>
                $"the host key of {at} ({key}) is marked @revoked in {file} (line {verdict.Evidence[0].Line}); refusing to connect",
            _ =>
                $"unknown host key: {at} presented {key}, which is not in {file}. If this is the right host, trust it with " +
                $"--accept-new-host-keys, or record it with `ssh-keyscan -p {_settings.Port} {_settings.Address} >> {file}` (compare the fingerprint first)",
        };
    }

    private string ConnectFailure(Exception e, string tried)
    {
        var at = $"{_settings.Address}:{_settings.Port}";
        var socket = Unwrap<SocketException>(e);
        return (e, socket?.SocketErrorCode) switch
        {
            (_, SocketError.ConnectionRefused) => $"connection refused by {at}: no SSH server listens there (check ansible_host and ansible_port)",
            (_, SocketError.TimedOut) or (OperationCanceledException, _) or (SshOperationTimeoutException, _) =>
                $"timed out after {_options.ConnectTimeout.TotalSeconds:0.#} s connecting to {at}",
            (_, SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain) => $"cannot resolve host name '{_settings.Address}'",
            (_, SocketError.NetworkUnreachable or SocketError.HostUnreachable) => $"no route to {at}",
            (SshAuthenticationException, _) => $"authentication failed for user '{_settings.User}' at {at} (tried {tried}): {e.Message}",
            (SshConnectionException, _) => $"SSH handshake with {at} failed: {e.Message}",
            _ when socket is not null => $"cannot connect to {at}: {socket.Message}",
            _ => $"cannot connect to {at}: {e.Message}",
        };
    }

    private static T? Unwrap<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}
