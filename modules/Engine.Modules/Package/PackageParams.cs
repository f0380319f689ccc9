using Converge.Core.Modules;

namespace Converge.Modules.Package;

/// <summary>
/// Params of <c>package</c>, Ansible's package-manager-neutral module: it runs <c>apt</c> on Debian-family hosts and,
/// as Ansible's package action does, hands apt the parameters apt takes (<c>update_cache</c>, <c>allow_downgrade</c>, …).
/// </summary>
public sealed record PackageParams
{
    /// <summary>The packages; Ansible's package lets the backend decide, and apt takes none with <c>update_cache</c> alone.</summary>
    [ParamAlias("pkg")]
    public IReadOnlyList<string> Name { get; init; } = [];

    /// <summary><c>present</c> (default), <c>absent</c> or <c>latest</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary><c>auto</c> (default) or <c>apt</c>: the only manager Converge drives.</summary>
    public string Use { get; init; } = "auto";

    /// <summary>apt's <c>update_cache</c>: <c>apt-get update</c> first.</summary>
    [ParamAlias("update-cache")]
    public bool UpdateCache { get; init; }

    /// <summary>apt's <c>cache_valid_time</c>: seconds the lists may be old before <see cref="UpdateCache"/> updates them.</summary>
    public long CacheValidTime { get; init; }

    /// <summary>apt's <c>allow_downgrade</c>: a pinned version older than the installed one is installed.</summary>
    [ParamAlias("allow-downgrade", "allow_downgrades", "allow-downgrades")]
    public bool AllowDowngrade { get; init; }

    /// <summary>apt's <c>install_recommends</c>; unset keeps apt's configuration.</summary>
    [ParamAlias("install-recommends")]
    public bool? InstallRecommends { get; init; }

    /// <summary>apt's <c>default_release</c> (<c>-t</c>).</summary>
    [ParamAlias("default-release")]
    public string? DefaultRelease { get; init; }

    /// <summary>yum/dnf's repository switches: refused with the reason (apt, which package runs here, does not take them).</summary>
    public IReadOnlyList<string>? Enablerepo { get; init; }

    /// <inheritdoc cref="Enablerepo"/>
    public IReadOnlyList<string>? Disablerepo { get; init; }
}
