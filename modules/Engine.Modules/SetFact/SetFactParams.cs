using Converge.Core.Modules;

namespace Converge.Modules.SetFact;

/// <summary>Params of <c>set_fact</c> (Ansible's): each other key is a variable to set on the host, its value rendered.</summary>
public sealed record SetFactParams
{
    /// <summary>Also keep the facts in the host's <c>ansible_facts</c> (Ansible's fact cache), not only as variables.</summary>
    public bool Cacheable { get; init; }

    /// <summary>The variables to set, by name, with their rendered values.</summary>
    [ExtraParams]
    public IReadOnlyDictionary<string, object?> Facts { get; init; } = new Dictionary<string, object?>();
}
