using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.WaitFor;

/// <summary>Whether the wait_for condition holds right now (one probe in the batch; never waits).</summary>
public sealed class WaitForFact(WaitForParams parameters) : Fact<bool>
{
    public override CommandSpec Command { get; } = WaitForScript.Command(parameters, once: true);

    public override bool Parse(CommandResult result) => result.Succeeded
        ? result.Stdout.Contains("holds=yes", StringComparison.Ordinal)
        : throw new TaskFailedException("wait_for: cannot test the condition on the host (it needs bash)", Command.CommandLine, result.ExitCode, result.StderrTail());
}
