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
}
