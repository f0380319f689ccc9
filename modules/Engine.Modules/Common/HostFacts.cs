using Converge.Core.Modules;

namespace Converge.Modules.Common;

/// <summary>
/// The output of a module that sets facts other than setup's (getent, service_facts). Ansible injects such a fact under
/// its own name (<c>services</c>, <c>getent_group</c>) as well as under <c>ansible_facts</c>; the runner does both for
/// output shaped like a cacheable set_fact.
/// </summary>
public static class HostFacts
{
    public static Dictionary<string, object?> Output(IReadOnlyDictionary<string, object?> facts) => new(StringComparer.Ordinal)
    {
        [HostVariables.ValuesKey] = facts,
        [HostVariables.MarkerKey] = true,
        [HostVariables.CacheableKey] = true,
    };
}
