using Converge.Core.Connections;
using Converge.Core.Running;
using Converge.Core.Secrets;

namespace Converge.Cli.Commands.Common;

/// <summary>The connection settings of a run from the command line: host keys, timeouts, the run's redactor.</summary>
internal static class HostConnections
{
    public static RunOptions Apply(RunOptions options, string? knownHosts, bool acceptNewHostKeys, TimeSpan connectTimeout)
    {
        var redactor = new Redactor();
        var connection = new ConnectionOptions
        {
            KnownHostsFile = knownHosts ?? ConnectionOptions.DefaultKnownHostsFile,
            AcceptNewHostKeys = acceptNewHostKeys,
            ConnectTimeout = connectTimeout,
            Redactor = redactor,
        };
        return options with
        {
            Redactor = redactor,
            Connect = (host, variables) => ConnectionFactory.Create(host, variables, connection),
            HostBecome = (host, variables) =>
            {
                var settings = HostConnectionSettings.FromVariables(host, variables, redactor);
                return (settings.Become, settings.ToBecome(null));
            },
        };
    }
}
