using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Core.Running;

/// <summary>The file names in the handler journal's pending folder (<see cref="HandlerJournal"/>); empty when it does not exist.</summary>
internal sealed class PendingHandlersFact(string pendingDirectory, Become? become) : Fact<HashSet<string>>
{
    public override CommandSpec Command { get; } =
        CommandSpec.Probe("find", pendingDirectory, "-maxdepth", "1", "-type", "f", "-printf", "%f\\n") with { Become = become };

    public override HashSet<string> Parse(CommandResult result) =>
        result.Succeeded
            ? result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : [];
}
