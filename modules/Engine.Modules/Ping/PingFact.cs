using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Ping;

/// <summary>The host answers a command through its connection: a probe, so a ping costs no round trip of its own.</summary>
public sealed class PingFact : Fact<bool>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe("echo", "pong");

    public override bool Parse(CommandResult result) =>
        result.Succeeded && result.Stdout.Trim() == "pong"
            ? true
            : throw new TaskFailedException("ping: the host did not answer `echo pong`", Command.CommandLine, result.ExitCode, result.StderrTail());
}
