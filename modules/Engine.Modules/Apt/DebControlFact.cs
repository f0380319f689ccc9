using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Modules.InstallPkg;

namespace Converge.Modules.Apt;

/// <summary>
/// A <c>.deb</c> on the host in one probe: its package, version and architecture (<c>dpkg-deb -f</c>) and the
/// version of that package dpkg has installed, so a no-op rerun of <c>apt: deb=…</c> costs no round trip of
/// its own. Null when the file does not exist.
/// </summary>
public sealed class DebControlFact(string path) : Fact<DebOnHost?>
{
    private const int Missing = 3;

    private const string Script =
        """
        [ -e "$1" ] || exit 3
        dpkg-deb -f "$1" Package Version Architecture || exit 4
        pkg=$(dpkg-deb -f "$1" Package)
        dpkg-query -W -f='Installed: ${db:Status-Status} ${Version}\n' "$pkg" 2>/dev/null
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-deb-control", path);

    public override DebOnHost? Parse(CommandResult result)
    {
        if (result.ExitCode == Missing && result.Stderr.Length == 0)
        {
            return null;
        }

        var fields = DebInspector.ControlFields(result.Stdout);
        if (!result.Succeeded || !fields.TryGetValue("Package", out var package) || !fields.TryGetValue("Version", out var version))
        {
            throw new TaskFailedException($"cannot read the control fields of {path} (is it a .deb?)", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var installed = fields.GetValueOrDefault("Installed") is { } line && line.StartsWith("installed ", StringComparison.Ordinal) ? line["installed ".Length..] : null;
        return new DebOnHost(path, package, version, fields.GetValueOrDefault("Architecture", "all"), installed);
    }
}
