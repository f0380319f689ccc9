using System.Globalization;
using Converge.Core.Diagnostics;
using Converge.Core.Secrets;

namespace Converge.Core.Connections;

/// <summary>
/// How to reach one host, read from its inventory variables with Ansible's names (see
/// <see cref="FromVariables"/> for the list). Secrets found there are registered with the run's redactor.
/// </summary>
public sealed record HostConnectionSettings
{
    /// <summary>The inventory name of the host.</summary>
    public required string Host { get; init; }

    /// <summary>The name or address to connect to (<c>ansible_host</c>, else the inventory name).</summary>
    public required string Address { get; init; }

    public int Port { get; init; } = 22;

    /// <summary>The login user (<c>ansible_user</c>, else the controller's user, as <c>ssh</c> does).</summary>
    public required string User { get; init; }

    /// <summary>True for <c>ansible_connection: local</c>, or a host named <c>localhost</c> with no connection type, address, port or user.</summary>
    public bool IsLocal { get; init; }

    /// <summary>Key files to offer; empty means the OpenSSH defaults in <c>~/.ssh</c> that exist.</summary>
    public IReadOnlyList<string> PrivateKeyFiles { get; init; } = [];

    public Secret? PrivateKeyPassphrase { get; init; }

    public Secret? Password { get; init; }

    /// <summary>
    /// The host's own known_hosts file (<c>converge_known_hosts</c>), e.g. the one <c>converge lab up</c>
    /// writes; it replaces the run's file for this host, so host key checking stays on.
    /// </summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>Whether every task escalates by default (<c>ansible_become</c>).</summary>
    public bool Become { get; init; }

    public string BecomeUser { get; init; } = "root";

    public Secret? BecomePassword { get; init; }

    /// <summary>
    /// Every variable <see cref="FromVariables"/> reads: these follow the precedence of all variables (extra vars
    /// win; play, block and task vars count) and are rendered as templates for each host.
    /// </summary>
    public static IReadOnlyList<string> VariableNames { get; } =
    [
        "ansible_connection", "ansible_host", "ansible_ssh_host", "ansible_port", "ansible_ssh_port", "ansible_user", "ansible_ssh_user",
        "ansible_ssh_private_key_file", "ansible_private_key_file", "ansible_ssh_private_key_passphrase", "ansible_private_key_passphrase",
        "ansible_password", "ansible_ssh_pass", "ansible_become", "ansible_become_user", "ansible_become_password", "ansible_become_pass",
        "ansible_sudo_pass", "converge_known_hosts",
    ];

    /// <summary>The become every task of this host gets unless the task, a block or the play says otherwise; null when <c>ansible_become</c> is off.</summary>
    public Become? DefaultBecome => Become ? ToBecome(null) : null;

    /// <summary>Whether both reach the host the same way (everything but become), so one open connection serves both.</summary>
    public bool SameTransportAs(HostConnectionSettings other) =>
        (this with { Become = false, BecomeUser = "root", BecomePassword = null }).Matches(other with { Become = false, BecomeUser = "root", BecomePassword = null });

    /// <summary>Value equality, key files compared item by item.</summary>
    public bool Matches(HostConnectionSettings other) =>
        this with { PrivateKeyFiles = other.PrivateKeyFiles } == other && PrivateKeyFiles.SequenceEqual(other.PrivateKeyFiles);

    /// <summary>The become for a task or play that asks for one, filled in with this host's become user and password.</summary>
    public Become ToBecome(string? user) => new(user ?? BecomeUser, BecomePassword);

    /// <summary>
    /// Reads <c>ansible_connection</c> (<c>ssh</c>, <c>local</c>; <c>smart</c>/<c>paramiko</c> mean ssh),
    /// <c>ansible_host</c>, <c>ansible_port</c>, <c>ansible_user</c>, <c>ansible_ssh_private_key_file</c>,
    /// <c>ansible_ssh_private_key_passphrase</c>, <c>ansible_password</c>, <c>ansible_become</c>,
    /// <c>ansible_become_user</c>, <c>ansible_become_password</c>, and Ansible's older spellings
    /// (<c>ansible_ssh_host</c>, <c>ansible_ssh_port</c>, <c>ansible_ssh_user</c>, <c>ansible_ssh_pass</c>,
    /// <c>ansible_become_pass</c>, <c>ansible_sudo_pass</c>). Values may be strings, numbers, booleans or <see cref="Secret"/>s.
    /// </summary>
    /// <param name="host">The inventory name of the host.</param>
    /// <param name="variables">The variables in effect (already rendered).</param>
    /// <param name="redactor">Learns every secret read here.</param>
    /// <param name="originOf">Where a variable was set, so a bad value is reported there; unknown when null.</param>
    public static HostConnectionSettings FromVariables(string host, IReadOnlyDictionary<string, object?> variables, Redactor? redactor = null, Func<string, SourceSpan>? originOf = null)
    {
        var reader = new HostVariableReader(host, variables, redactor, originOf ?? (_ => SourceSpan.None));
        var connection = reader.Text("ansible_connection");
        var isLocal = connection switch
        {
            // Ansible uses SSH for any localhost listed in an inventory; Converge keeps the convenient local
            // default for a bare "localhost", but an explicit address, port or user asks for SSH.
            null => host is "localhost" && !ExplicitSsh(variables),
            "local" => true,
            "ssh" or "smart" or "paramiko" => false,
            _ => throw reader.Invalid("ansible_connection", connection, "use ssh or local"),
        };
        var keyFile = reader.Text("ansible_ssh_private_key_file", "ansible_private_key_file");
        return new HostConnectionSettings
        {
            Host = host,
            Address = reader.Text("ansible_host", "ansible_ssh_host") ?? host,
            Port = reader.Port("ansible_port", "ansible_ssh_port") ?? 22,
            User = reader.Text("ansible_user", "ansible_ssh_user") ?? Environment.UserName,
            IsLocal = isLocal,
            PrivateKeyFiles = keyFile is null ? [] : [ExpandHome(keyFile)],
            PrivateKeyPassphrase = reader.Secret("ansible_ssh_private_key_passphrase", "ansible_private_key_passphrase"),
            Password = reader.Secret("ansible_password", "ansible_ssh_pass"),
            Become = reader.Boolean("ansible_become") ?? false,
            BecomeUser = reader.Text("ansible_become_user") ?? "root",
            BecomePassword = reader.Secret("ansible_become_password", "ansible_become_pass", "ansible_sudo_pass"),
            KnownHostsFile = reader.Text("converge_known_hosts") is { } knownHosts ? ExpandHome(knownHosts) : null,
        };
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;

    /// <summary>Converts loosely typed inventory values, reporting a bad one by host and variable name.</summary>
    private sealed class HostVariableReader(string host, IReadOnlyDictionary<string, object?> variables, Redactor? redactor, Func<string, SourceSpan> originOf)
    {
        public string? Text(params string[] names)
        {
            var (_, value) = Find(names);
            return value switch
            {
                null => null,
                Secret secret => secret.Reveal(),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }

        public int? Port(params string[] names)
        {
            var (name, _) = Find(names);
            var text = Text(names);
            if (text is null)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                ? port
                : throw Invalid(name!, text, "a port is a number from 1 to 65535");
        }

        public bool? Boolean(string name)
        {
            var (_, value) = Find([name]);
            return value switch
            {
                null => null,
                bool flag => flag,
                _ => Text(name)!.ToLowerInvariant() switch
                {
                    "true" or "yes" or "on" or "1" => true,
                    "false" or "no" or "off" or "0" => false,
                    var other => throw Invalid(name, other, "use true or false"),
                },
            };
        }

        public Secret? Secret(params string[] names)
        {
            var (_, value) = Find(names);
            var secret = value switch
            {
                null => null,
                Secret s => s,
                _ => new Secret(Text(names)!),
            };
            if (secret is not null)
            {
                redactor?.Register(secret);
            }

            return secret;
        }

        public ConfigurationException Invalid(string name, string value, string hint) =>
            new([new Diagnostic(originOf(name), $"host {host}: {name}: '{value}' is not valid; {hint}") { Kind = DiagnosticKind.InvalidConnectionVariable, Names = [host, name] }]);

        private (string? Name, object? Value) Find(string[] names)
        {
            foreach (var name in names)
            {
                if (variables.TryGetValue(name, out var value) && value is not null)
                {
                    return (name, value);
                }
            }

            return (null, null);
        }
    }

    private static readonly string[] SshAddressVariables = ["ansible_host", "ansible_ssh_host", "ansible_port", "ansible_ssh_port", "ansible_user", "ansible_ssh_user"];

    private static bool ExplicitSsh(IReadOnlyDictionary<string, object?> variables) => SshAddressVariables.Any(variables.ContainsKey);
}
