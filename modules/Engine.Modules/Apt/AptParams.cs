using Converge.Core.Modules;

namespace Converge.Modules.Apt;

/// <summary>
/// Params of <c>apt</c>, with Ansible's names, aliases and defaults (ansible.builtin.apt, 2.14). A package is
/// <c>name</c> or pinned <c>name=version</c>, where the version may be an fnmatch pattern (<c>nodejs=20.*</c>); <c>deb</c> is a <c>.deb</c> file already on the host.
/// </summary>
public sealed record AptParams
{
    [ParamAlias("package", "pkg")]
    public IReadOnlyList<string>? Name { get; init; }

    /// <summary><c>present</c> (default), <c>absent</c>, <c>latest</c>, <c>build-dep</c> or <c>fixed</c>.</summary>
    public string State { get; init; } = "present";

    [ParamAlias("update-cache")]
    public bool UpdateCache { get; init; }

    /// <summary>Seconds the apt lists may be old before <see cref="UpdateCache"/> runs <c>apt-get update</c>; 0 = always.</summary>
    public long CacheValidTime { get; init; }

    /// <summary>A <c>.deb</c> file on the host to install (use <c>get_url</c> or <c>copy</c> to put it there).</summary>
    public string? Deb { get; init; }

    /// <summary>True/false passes <c>--install-recommends</c>/<c>--no-install-recommends</c>; unset keeps apt's configuration.</summary>
    [ParamAlias("install-recommends")]
    public bool? InstallRecommends { get; init; }

    /// <summary>Passed as <c>-t</c> (APT::Default-Release); empty means none, as in Ansible.</summary>
    [ParamAlias("default-release")]
    public string? DefaultRelease { get; init; }

    public bool Purge { get; init; }

    /// <summary>Remove packages nothing depends on any more (<c>apt-get autoremove</c>).</summary>
    public bool Autoremove { get; init; }

    /// <summary><c>no</c> (default), <c>yes</c>/<c>safe</c> (<c>upgrade --with-new-pkgs</c>), <c>full</c>/<c>dist</c> (<c>dist-upgrade</c>).</summary>
    public string Upgrade { get; init; } = "no";

    [ParamAlias("allow-downgrade", "allow_downgrades", "allow-downgrades")]
    public bool AllowDowngrade { get; init; }

    [ParamAlias("allow-unauthenticated")]
    public bool AllowUnauthenticated { get; init; }

    public bool AllowChangeHeldPackages { get; init; }

    /// <summary>Ansible's <c>force</c>: <c>--force-yes</c> (deprecated by apt; prefer the allow_* options).</summary>
    public bool Force { get; init; }

    /// <summary>Only upgrade packages that are installed; never install new ones.</summary>
    public bool OnlyUpgrade { get; init; }

    /// <summary>Comma-separated dpkg options, each passed as <c>-o Dpkg::Options::=--OPTION</c>.</summary>
    public string DpkgOptions { get; init; } = "force-confdef,force-confold";

    /// <summary>Seconds to wait for the dpkg lock (held by unattended-upgrades or another run) before failing.</summary>
    public int LockTimeout { get; init; } = 60;

    /// <summary>
    /// The exit code of a <c>/usr/sbin/policy-rc.d</c> put in place for the package work (101 keeps invoke-rc.d from
    /// starting the services being installed); the host's own policy-rc.d, if any, is restored after. Null: untouched.
    /// </summary>
    public int? PolicyRcD { get; init; }

    /// <summary>Accepted for compatibility: Converge always uses apt-get.</summary>
    public bool ForceAptGet { get; init; }
}
