using Converge.Core.Connections;
using Converge.Core.Secrets;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>Opens connections to the test sshd's hosts the way the runner will: through <see cref="ConnectionFactory"/>.</summary>
internal static class TestConnections
{
    public static ConnectionOptions Options(SshServer server, Redactor? redactor = null) => new()
    {
        KnownHostsFile = server.KnownHostsFile,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        Redactor = redactor ?? new Redactor(),
    };

    public static async Task<IConnection> OpenAsync(SshServer server, int host = 0, string user = "root", ConnectionOptions? options = null, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var variables = server.HostVariables(host, user);
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
        {
            variables[name] = value;
        }

        var connection = ConnectionFactory.Create($"host{host + 1}", variables, options ?? Options(server));
        await connection.OpenAsync(CancellationToken.None);
        return connection;
    }

    /// <summary>
    /// The sshd process serving <paramref name="connection"/> (it holds the TCP connection): killing it drops the
    /// connection. Found by walking up from a command's parent, which is the connection's persistent shell.
    /// </summary>
    public static async Task<int> SshdSessionPidAsync(IConnection connection)
    {
        const string walk = "p=$$; while [ \"$p\" -gt 1 ]; do case $(sed -n 's/^Name:\\t//p' /proc/$p/status) in sshd*) echo $p; exit 0;; esac; p=$(sed -n 's/^PPid:\\t//p' /proc/$p/status); done; exit 1";
        var result = await connection.RunAsync(CommandSpec.Shell(walk, CommandKind.Probe), CancellationToken.None);
        return result.Succeeded ? int.Parse(result.Stdout.Trim()) : throw new InvalidOperationException("no sshd above the remote shell: " + result.Stderr);
    }
}
