using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Secrets;

namespace Converge.Cli.Commands.Common;

/// <summary>Chooses each host's transport from its variables (see <see cref="ConnectionFactory"/>).</summary>
internal static class HostConnections
{
    public static ConnectionOptions Options(string? knownHosts, bool acceptNewHostKeys, TimeSpan connectTimeout, Redactor redactor) => new()
    {
        KnownHostsFile = knownHosts ?? ConnectionOptions.DefaultKnownHostsFile,
        AcceptNewHostKeys = acceptNewHostKeys,
        ConnectTimeout = connectTimeout,
        Redactor = redactor,
    };

    /// <summary>
    /// Connections for the runner. A bad connection variable (e.g. a non-numeric <c>ansible_port</c>) makes
    /// that host unreachable with the variable named, and the other hosts carry on.
    /// </summary>
    public static Func<string, IReadOnlyDictionary<string, object?>, IConnection> Factory(ConnectionOptions options) =>
        (host, variables) =>
        {
            try
            {
                return ConnectionFactory.Create(host, variables, options);
            }
            catch (ConfigurationException e)
            {
                throw new HostUnreachableException(host, e.Message, e);
            }
        };
}
