using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Modules.Sysctl;

/// <summary>The live value of a kernel parameter (<c>sysctl -n -e</c>; null when the kernel has no such key), whitespace normalised.</summary>
public sealed class SysctlValueFact(string name) : Fact<string?>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe("sysctl", "-n", "-e", "--", name);

    public override string? Parse(CommandResult result) =>
        result.Succeeded && result.Stdout.Trim().Length > 0 ? SysctlFile.Normalize(result.Stdout) : null;
}
