namespace Converge.Core.Modules;

/// <summary>
/// How a module (<c>set_fact</c>, <c>include_vars</c>) hands the runner variables to set on the host for the rest
/// of the run: its output carries <see cref="MarkerKey"/> and the variables under <see cref="ValuesKey"/>.
/// </summary>
public static class HostVariables
{
    /// <summary>Ansible's modules return them as <c>ansible_facts</c> too.</summary>
    public const string ValuesKey = "ansible_facts";

    public const string MarkerKey = "_converge_host_variables";

    /// <summary>Set by <c>set_fact</c>'s <c>cacheable</c>: the variables are also facts.</summary>
    public const string CacheableKey = "_converge_cacheable";
}
