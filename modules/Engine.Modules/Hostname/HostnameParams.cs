namespace Converge.Modules.Hostname;

/// <summary>Params of <c>hostname</c>, Ansible's names: the host's name, now and across reboots.</summary>
public sealed record HostnameParams
{
    public required string Name { get; init; }

    /// <summary>The strategy: <c>auto</c> (systemd when the host runs it, else Debian's), <c>systemd</c>, <c>debian</c> or <c>generic</c>.</summary>
    public string Use { get; init; } = "auto";
}
