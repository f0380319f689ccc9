using Converge.Core.Modules;

namespace Converge.Modules.InstallPkg;

/// <summary>
/// Params of <c>install-pkg</c>: apt packages by name and local <c>.deb</c> files from the controller.
/// A <c>.deb</c> is in sync when the same package, version and architecture is installed from a file
/// with the same sha256 (recorded on the host in <see cref="RecordDirectory"/>).
/// </summary>
public sealed record InstallPkgParams
{
    /// <summary>apt packages: <c>bridge-utils</c>, or pinned <c>openssl=3.0.11-1</c>.</summary>
    [ParamAlias("pkg")]
    public IReadOnlyList<string>? Name { get; init; }

    /// <summary><c>present</c> (default), <c>absent</c> or <c>latest</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>
    /// Local <c>.deb</c> files on the controller: a path, a list of paths, a list of artifacts
    /// (maps with <c>path</c>, as <c>build-deb</c> registers them) or a whole registered <c>build-deb</c> result.
    /// </summary>
    public object? Deb { get; init; }

    /// <summary>Run <c>apt-get update</c> first when the cache is older than <see cref="CacheValidTime"/>.</summary>
    public bool UpdateCache { get; init; }

    /// <summary>How old (seconds) the apt cache may be before <see cref="UpdateCache"/> refreshes it.</summary>
    public long CacheValidTime { get; init; } = 3600;

    /// <summary>With <c>state: absent</c>, purge the configuration files too.</summary>
    public bool Purge { get; init; }

    /// <summary>Allow a pinned version lower than the installed one.</summary>
    public bool AllowDowngrade { get; init; }

    /// <summary>Where the sha256 of each installed <c>.deb</c> is recorded on the host.</summary>
    public string RecordDirectory { get; init; } = "/var/lib/converge/debs";

    /// <summary>Seconds to wait for the dpkg lock (unattended-upgrades, another run) before failing, as Ansible's apt.</summary>
    public int LockTimeout { get; init; } = 60;
}
