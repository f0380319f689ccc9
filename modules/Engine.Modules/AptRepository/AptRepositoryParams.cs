using Converge.Core.Modules;

namespace Converge.Modules.AptRepository;

/// <summary>Params of <c>apt_repository</c>, Ansible's names and defaults: one one-line-style source.</summary>
public sealed record AptRepositoryParams
{
    /// <summary>The source line, e.g. <c>deb [signed-by=/etc/apt/keyrings/x.asc] https://pkg.example/debian bookworm main</c>.</summary>
    public required string Repo { get; init; }

    /// <summary><c>present</c> or <c>absent</c> (removed from every sources file).</summary>
    public string State { get; init; } = "present";

    /// <summary>The file under sources.list.d, without <c>.list</c>; by default derived from the URI as Ansible does.</summary>
    public string? Filename { get; init; }

    /// <summary>The mode of the file written.</summary>
    public string Mode { get; init; } = "0644";

    /// <summary>Run <c>apt-get update</c> after a change.</summary>
    [ParamAlias("update-cache")]
    public bool UpdateCache { get; init; } = true;

    /// <summary>Retries of the cache update (Ansible's; Converge runs it once and fails clearly).</summary>
    public int UpdateCacheRetries { get; init; } = 5;

    /// <summary>Longest wait between retries (accepted for compatibility).</summary>
    public int UpdateCacheRetryMaxDelay { get; init; } = 12;

    /// <summary>For PPAs only in Ansible; PPAs are not supported (see the validator).</summary>
    public string? Codename { get; init; }

    /// <summary>Accepted for compatibility: Converge needs no python-apt.</summary>
    public bool InstallPythonApt { get; init; } = true;

    /// <summary>Accepted for compatibility (used by Ansible only for PPA key downloads).</summary>
    public bool ValidateCerts { get; init; } = true;
}
