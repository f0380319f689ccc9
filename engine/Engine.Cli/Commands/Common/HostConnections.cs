using Converge.Core.Connections;
using Converge.Core.Running;

namespace Converge.Cli.Commands.Common;

/// <summary>The run options from the command line: mode, forks, host keys, timeouts; connections learn the run's secrets.</summary>
internal static class HostConnections
{
    public static RunOptions RunOptions(LoadedRun run, bool check, int forks, string? knownHosts, bool acceptNewHostKeys, TimeSpan connectTimeout)
    {
        var connection = new ConnectionOptions
        {
            KnownHostsFile = knownHosts ?? ConnectionOptions.DefaultKnownHostsFile,
            AcceptNewHostKeys = acceptNewHostKeys,
            ConnectTimeout = connectTimeout,
            Redactor = run.Secrets,
            Notice = line => Console.Error.WriteLine($"converge: warning: {run.Secrets.Redact(line)}"),
        };
        return new RunOptions
        {
            Check = check,
            Forks = forks,
            Connect = settings => ConnectionFactory.Create(settings, connection),
        };
    }
}
