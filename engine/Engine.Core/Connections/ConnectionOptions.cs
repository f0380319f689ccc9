using Converge.Core.Secrets;

namespace Converge.Core.Connections;

/// <summary>
/// Run-wide settings for the connections <see cref="ConnectionFactory"/> creates: how host keys are
/// trusted, how long a connect may take, and the run's <see cref="Secrets.Redactor"/>, which learns every
/// password and passphrase found in host variables so none of them is ever printed.
/// </summary>
public sealed record ConnectionOptions
{
    /// <summary>The OpenSSH known_hosts file host keys are verified against (<c>--known-hosts</c>).</summary>
    public string KnownHostsFile { get; init; } = DefaultKnownHostsFile;

    /// <summary>
    /// Trust and record keys of hosts not yet in <see cref="KnownHostsFile"/>, like OpenSSH's
    /// <c>StrictHostKeyChecking=accept-new</c> (<c>--accept-new-host-keys</c>). A changed key is still refused.
    /// </summary>
    public bool AcceptNewHostKeys { get; init; }

    /// <summary>How long a TCP connect plus SSH handshake and authentication may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle connection is probed, so a dead peer is noticed between tasks.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long data sent to a host may stay unacknowledged before the host counts as lost (TCP_USER_TIMEOUT;
    /// see <see cref="Ssh.DeadPeerDetection"/>). A host that loses power is then unreachable within this time
    /// plus <see cref="KeepAliveInterval"/>, instead of the kernel's quarter of an hour.
    /// </summary>
    public TimeSpan DeadPeerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Offer the post-quantum hybrid key exchanges (mlkem768x25519, sntrup761x25519) first, as OpenSSH 9 does.
    /// Off by default because SSH.NET computes them in managed code, about 8x the CPU of curve25519 per
    /// handshake; turn it on to protect recorded sessions against future quantum attacks.
    /// </summary>
    public bool PostQuantumKeyExchange { get; init; }

    /// <summary>
    /// Connect through SSH.NET even where Converge's own client (<see cref="Ssh.Wire.WireClient"/>) would do. Converge
    /// falls back to SSH.NET by itself for a server that offers none of its own client's algorithms; this is for tests
    /// and for comparing the two (<c>tests/Engine.Benchmarks --handshakes</c>).
    /// </summary>
    public bool UseSshNet { get; init; }

    public Redactor Redactor { get; init; } = new();

    /// <summary>
    /// Told one line for each thing a user must hear about a connection that still succeeded, such as a host
    /// key recorded under <see cref="AcceptNewHostKeys"/> or a missing key file skipped for the password
    /// (OpenSSH prints both as warnings). The CLI prints them on standard error.
    /// </summary>
    public Action<string> Notice { get; init; } = _ => { };

    public static string DefaultKnownHostsFile =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
}
