using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Modules.ConfigureDocker;

/// <summary>
/// The flags of dockerd's systemd <c>ExecStart</c> (the last non-empty one wins, as drop-ins reset it with an
/// empty <c>ExecStart=</c>); empty when there is no systemd or no docker unit.
/// </summary>
public sealed class DockerUnitFlagsFact : Fact<IReadOnlyList<string>>
{
    public override CommandSpec Command => CommandSpec.Probe("systemctl", "cat", "docker.service");

    public override IReadOnlyList<string> Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            return [];
        }

        string? execStart = null;
        foreach (var line in result.Stdout.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("ExecStart=", StringComparison.Ordinal))
            {
                var value = line["ExecStart=".Length..].Trim();
                execStart = value.Length == 0 ? null : value;
            }
        }

        return execStart is null ? [] : [.. DockerFlags.Split(execStart).Skip(1)];
    }
}
