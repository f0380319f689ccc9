using System.Globalization;

namespace Converge.Core.Connections;

/// <summary>The read-only <c>stat</c> command every transport can use, and its parser.</summary>
public static class StatCommand
{
    public static CommandSpec For(string path) =>
        CommandSpec.Probe("stat", "-c", "%F|%s|%a|%U|%G", "--", path);

    /// <summary>Parses <c>stat -c '%F|%s|%a|%U|%G'</c>; null when the path does not exist.</summary>
    public static FileStat? Parse(string path, CommandResult result)
    {
        if (!result.Succeeded)
        {
            return null;
        }

        var fields = result.Stdout.Trim().Split('|');
        var kind = fields[0] switch
        {
            "regular file" or "regular empty file" => FileKind.File,
            "directory" => FileKind.Directory,
            "symbolic link" => FileKind.Symlink,
            _ => FileKind.Other,
        };
        return new FileStat(
            path,
            kind,
            long.Parse(fields[1], CultureInfo.InvariantCulture),
            Convert.ToInt32(fields[2], 8),
            fields[3],
            fields[4]);
    }
}
