namespace Converge.Modules.Deb822Repository;

/// <summary>Params of <c>deb822_repository</c>, Ansible's names and defaults: one <c>.sources</c> file under sources.list.d.</summary>
public sealed record Deb822RepositoryParams
{
    /// <summary>The repository's name (<c>X-Repolib-Name</c>); the file is its slug with <c>.sources</c>.</summary>
    public required string Name { get; init; }

    public IReadOnlyList<string> Types { get; init; } = ["deb"];

    public IReadOnlyList<string>? Uris { get; init; }

    public IReadOnlyList<string>? Suites { get; init; }

    public IReadOnlyList<string>? Components { get; init; }

    public IReadOnlyList<string>? Architectures { get; init; }

    /// <summary>A keyring path, an ASCII-armoured key written inline, or a URL the host downloads into <c>/etc/apt/keyrings</c>.</summary>
    public string? SignedBy { get; init; }

    public bool? Enabled { get; init; }

    public bool? Trusted { get; init; }

    public bool? AllowInsecure { get; init; }

    public bool? AllowWeak { get; init; }

    public bool? AllowDowngradeToInsecure { get; init; }

    public bool? ByHash { get; init; }

    public bool? CheckDate { get; init; }

    public bool? CheckValidUntil { get; init; }

    public int? DateMaxFuture { get; init; }

    public string? InreleasePath { get; init; }

    public IReadOnlyList<string>? Languages { get; init; }

    public bool? Pdiffs { get; init; }

    public IReadOnlyList<string>? Targets { get; init; }

    public string Mode { get; init; } = "0644";

    /// <summary><c>present</c> or <c>absent</c> (the file is removed).</summary>
    public string State { get; init; } = "present";

    /// <summary>Accepted for compatibility: Converge needs no python3-debian.</summary>
    public bool InstallPythonDebian { get; init; }
}
