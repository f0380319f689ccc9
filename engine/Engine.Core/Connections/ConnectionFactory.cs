using Converge.Core.Connections.Ssh;

namespace Converge.Core.Connections;

/// <summary>
/// Chooses and creates the transport for a host from its inventory variables: local for
/// <c>ansible_connection: local</c> (or a host named <c>localhost</c>), SSH for everything else.
/// The returned connection is not opened yet; the runner calls <see cref="IConnection.OpenAsync"/> once.
/// </summary>
public static class ConnectionFactory
{
    public static IConnection Create(string host, IReadOnlyDictionary<string, object?> hostVariables, ConnectionOptions options)
    {
        var settings = HostConnectionSettings.FromVariables(host, hostVariables, options.Redactor);
        return Create(settings, options);
    }

    public static IConnection Create(HostConnectionSettings settings, ConnectionOptions options) =>
        settings.IsLocal
            ? new LocalConnection(settings.Host)
            : new SshConnection(settings, settings.KnownHostsFile is { } knownHosts ? options with { KnownHostsFile = knownHosts } : options);
}
