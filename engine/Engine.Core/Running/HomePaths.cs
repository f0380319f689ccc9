using System.Reflection;
using System.Text.RegularExpressions;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;

namespace Converge.Core.Running;

/// <summary>
/// A path parameter written from a home folder (<c>dest: ~/.kube/config</c>, <c>path: ~deploy/app</c>) means what it means
/// to Ansible: the home of the user the task runs as (the <c>become</c> user, else the login user), or of the named
/// user, read from the host's password database. Expanded on the bound params before the module sees them, with one
/// read-only command per user and host; params without such a path are returned as they are.
/// </summary>
internal sealed partial class HomePaths
{
    /// <summary>The path parameters expanded (a <c>src</c> may be a controller path, so it is left alone).</summary>
    private static readonly string[] PathNames = ["Path", "Dest", "Creates", "Removes", "Chdir"];

    /// <summary>Each params type's path properties, found once (this runs for every task on every host).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> PathProperties = new();

    // By user; a bare `~` by the user the task runs as ("" for the login user), which differs between tasks with and without become.
    private readonly Dictionary<string, string> _homes = new(StringComparer.Ordinal);

    /// <param name="runAs">The become user the connection runs as, or null for the login user.</param>
    public async Task<object> ExpandAsync(object parameters, IConnection connection, string? runAs, CancellationToken ct)
    {
        var properties = PathProperties.GetOrAdd(parameters.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => PathNames.Contains(p.Name) && p.PropertyType == typeof(string) && p.CanWrite)
                .ToArray())
            .Where(p => p.GetValue(parameters) is string value && Tilde().IsMatch(value))
            .ToList();
        if (properties.Count == 0)
        {
            return parameters;
        }

        // Params are records: expand on a copy, as `with` would.
        var copy = parameters.GetType().GetMethod("<Clone>$")?.Invoke(parameters, null) ?? parameters;
        foreach (var property in properties)
        {
            var value = (string)property.GetValue(copy)!;
            var match = Tilde().Match(value);
            var home = await HomeOfAsync(match.Groups["user"].Value, runAs, connection, ct);
            property.SetValue(copy, home.TrimEnd('/') + value[match.Length..]);
        }

        return copy;
    }

    private async Task<string> HomeOfAsync(string user, string? runAs, IConnection connection, CancellationToken ct)
    {
        var key = user.Length > 0 ? user : "~" + runAs;
        if (_homes.TryGetValue(key, out var known))
        {
            return known;
        }

        var command = user.Length == 0
            ? CommandSpec.Shell("getent passwd \"$(id -un)\"", CommandKind.Probe)
            : CommandSpec.Probe("getent", "passwd", user);
        var result = await connection.RunAsync(command, ct);
        var fields = result.Stdout.Trim().Split(':');
        if (result.ExitCode != 0 || fields.Length < 6 || !fields[5].StartsWith('/'))
        {
            throw new TaskFailedException($"cannot expand '~{user}': no home folder for {(user.Length == 0 ? "the user the task runs as" : $"user '{user}'")} in the host's password database", command.CommandLine, result.ExitCode, result.Stderr);
        }

        return _homes[key] = fields[5];
    }

    /// <summary><c>~</c> or <c>~user</c>, alone or before a slash.</summary>
    [GeneratedRegex(@"^~(?<user>[a-z_][a-z0-9_.-]*\$?)?(?=/|$)")]
    private static partial Regex Tilde();
}
