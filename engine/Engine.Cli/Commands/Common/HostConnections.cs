using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Running;
using Converge.Core.Secrets;

namespace Converge.Cli.Commands.Common;

/// <summary>The connection settings of a run from the command line: host keys, timeouts, the run's redactor.</summary>
internal static class HostConnections
{
    public static RunOptions RunOptions(bool check, int forks, string? knownHosts, bool acceptNewHostKeys, TimeSpan connectTimeout)
    {
        var redactor = new Redactor();
        var connection = new ConnectionOptions
        {
            KnownHostsFile = knownHosts ?? ConnectionOptions.DefaultKnownHostsFile,
            AcceptNewHostKeys = acceptNewHostKeys,
            ConnectTimeout = connectTimeout,
            Redactor = redactor,
        };
        return new RunOptions
        {
            Check = check,
            Forks = forks,
            Redactor = redactor,
            Connect = (host, variables) =>
            {
                try
                {
                    return ConnectionFactory.Create(host, variables, connection);
                }
                catch (ConfigurationException e)
                {
                    // A bad connection variable makes that host unreachable with the variable named; the others carry on.
                    throw new HostUnreachableException(host, e.Message, e);
                }
            },
            HostBecome = (host, variables) =>
            {
                var settings = HostConnectionSettings.FromVariables(host, variables, redactor);
                return (settings.Become, settings.ToBecome(null));
            },
        };
    }
}
