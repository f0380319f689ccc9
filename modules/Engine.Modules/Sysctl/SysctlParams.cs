using Converge.Core.Modules;

namespace Converge.Modules.Sysctl;

/// <summary>Params of <c>sysctl</c>, Ansible's names and defaults: a kernel parameter in a sysctl file, and optionally live.</summary>
public sealed record SysctlParams
{
    /// <summary>The parameter, e.g. <c>net.ipv4.ip_forward</c>.</summary>
    [ParamAlias("key")]
    public required string Name { get; init; }

    /// <summary>The value (required with <c>state: present</c>); yes/true become 1 and no/false 0, as in Ansible.</summary>
    [ParamAlias("val")]
    public string? Value { get; init; }

    /// <summary><c>present</c> or <c>absent</c> (the line is removed from the file; the live value is left alone).</summary>
    public string State { get; init; } = "present";

    /// <summary>The file that holds the setting across boots.</summary>
    public string SysctlFile { get; init; } = "/etc/sysctl.conf";

    /// <summary>After a change to the file, load it with <c>sysctl -p FILE</c>.</summary>
    public bool Reload { get; init; } = true;

    /// <summary>Also compare the live value and set it with <c>sysctl -w</c> when it differs.</summary>
    public bool SysctlSet { get; init; }

    /// <summary>Ignore unknown keys when loading (<c>sysctl -e</c>).</summary>
    public bool IgnoreErrors { get; init; }
}
