using Converge.Core.Connections;

namespace Converge.Core.Facts.Gathered;

/// <summary>
/// Ansible's <c>setup</c> facts of a host for the chosen subsets: one read-only shell script, so gathering
/// joins the host's first probe batch (no round trip of its own). The value is <c>ansible_facts</c>'s
/// dictionary: names without the <c>ansible_</c> prefix.
/// </summary>
public sealed class GatheredFacts(FactSubset subsets) : Fact<Dictionary<string, object?>>
{
    public FactSubset Subsets { get; } = subsets;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", GatheredFactsScript.For(subsets), "converge-facts");

    public override Dictionary<string, object?> Parse(CommandResult result) => GatheredFactsParser.Parse(result.Stdout, Subsets);
}
