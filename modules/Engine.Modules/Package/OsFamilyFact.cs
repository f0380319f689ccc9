using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Modules.Package;

/// <summary>
/// Whether the host is Debian-family (dpkg's database and apt-get exist), and its os-release name for the
/// message when it is not.
/// </summary>
public sealed class OsFamilyFact : Fact<OsFamily>
{
    private const string Script =
        """
        if [ -e /var/lib/dpkg/status ] && command -v apt-get >/dev/null 2>&1; then echo debian; else echo other; fi
        grep -E '^(PRETTY_NAME|ID)=' /etc/os-release 2>/dev/null
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script);

    public override OsFamily Parse(CommandResult result)
    {
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? Value(string key) => lines.FirstOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..].Trim('"');
        return new OsFamily(lines.FirstOrDefault() == "debian", Value("PRETTY_NAME") ?? Value("ID") ?? "an unknown system");
    }
}
