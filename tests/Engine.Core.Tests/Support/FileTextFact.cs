using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Core.Tests.Support;

/// <summary>The text of a file on the host (null when missing), read with <c>cat</c>.</summary>
internal sealed class FileTextFact(string path) : Fact<string?>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe("cat", "--", path);

    public override string? Parse(CommandResult result) => result.Succeeded ? result.Stdout : null;
}
