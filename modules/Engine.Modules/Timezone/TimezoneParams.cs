namespace Converge.Modules.Timezone;

/// <summary>Params of <c>timezone</c> (community.general), Ansible's names.</summary>
public sealed record TimezoneParams
{
    /// <summary>A zone under /usr/share/zoneinfo, e.g. <c>Europe/Paris</c> or <c>UTC</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Not supported (the validator says why).</summary>
    [Converge.Core.Modules.ParamAlias("rtc")]
    public string? Hwclock { get; init; }
}
