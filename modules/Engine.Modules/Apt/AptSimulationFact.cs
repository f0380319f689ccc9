using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Apt;

/// <summary>
/// An apt-get operation simulated (<c>apt-get -s</c>, with locking off so it neither waits for nor takes the
/// dpkg lock): how upgrade, autoremove, build-dep and fixed are planned without changing the host.
/// </summary>
public sealed class AptSimulationFact(IReadOnlyList<string> arguments) : Fact<AptSimulation>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe(
        "env", ["LC_ALL=C", "apt-get", "-s", "-q", "-o", "Debug::NoLocking=1", .. arguments]);

    public override AptSimulation Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"apt-get cannot plan `{string.Join(' ', arguments)}`: {result.StderrTail(3)}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return AptSimulation.Parse(result.Stdout);
    }
}
