using Converge.Core.Connections;
using Converge.Core.Diagnostics;

namespace Converge.Cli.Commands.Common;

/// <summary>Chooses each host's transport from its variables.</summary>
internal static class HostConnections
{
    public static Func<string, IReadOnlyDictionary<string, object?>, IConnection> Factory(string? knownHosts, bool acceptNewHostKeys, TimeSpan connectTimeout) =>
        (host, variables) =>
        {
            var kind = variables.TryGetValue("ansible_connection", out var value) ? value as string : null;
            if (kind == "local" || (kind is null && host is "localhost" or "127.0.0.1"))
            {
                return new LocalConnection(host);
            }

            throw new HostUnreachableException(host, $"the ssh transport is not available in this build (known hosts {knownHosts ?? "default"}, accept new {acceptNewHostKeys}, timeout {connectTimeout})");
        };
}
