using Converge.Core.Diagnostics;

namespace Converge.Core.Connections;

/// <summary>Creating the directory a write needs, the one way modules do it.</summary>
public static class ConnectionDirectories
{
    /// <summary>
    /// Makes sure <paramref name="directory"/> exists (with its parents, as <c>mkdir -p</c>); nothing runs when it
    /// does already. A failure is a <see cref="TaskFailedException"/> that starts with <paramref name="what"/>.
    /// </summary>
    public static async Task EnsureDirectoryAsync(this IConnection connection, string directory, string what, CancellationToken ct)
    {
        if (await connection.StatAsync(directory, null, ct) is not null)
        {
            return;
        }

        var command = CommandSpec.Change("mkdir", "-p", "--", directory) with { Changes = [PathChange.Directory(directory)] };
        var mkdir = await connection.RunAsync(command, ct);
        if (!mkdir.Succeeded)
        {
            throw new TaskFailedException($"{what}: cannot create {directory}", command.CommandLine, mkdir.ExitCode, mkdir.StderrTail());
        }
    }
}
