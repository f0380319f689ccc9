namespace Converge.Modules.Setup;

/// <summary>Params of <c>setup</c> (Ansible's names): which facts to gather, and which of them to keep.</summary>
public sealed record SetupParams
{
    /// <summary>Subsets to gather (<c>all</c>, <c>min</c>, <c>hardware</c>, <c>network</c>, ...; <c>!name</c> excludes).</summary>
    public IReadOnlyList<string> GatherSubset { get; init; } = ["all"];

    /// <summary>Shell-style patterns on the fact names (with their <c>ansible_</c> prefix); empty keeps all.</summary>
    public IReadOnlyList<string> Filter { get; init; } = [];

    /// <summary>Accepted for compatibility; gathering is one probe, bounded by the connection's timeouts.</summary>
    public int GatherTimeout { get; init; } = 10;

    /// <summary>Where local facts live; only Ansible's default is supported.</summary>
    public string FactPath { get; init; } = "/etc/ansible/facts.d";
}
