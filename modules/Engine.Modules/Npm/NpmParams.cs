using Converge.Core.Modules;

namespace Converge.Modules.Npm;

/// <summary>Params of <c>npm</c> (community.general, as shipped with Debian's ansible 7): a Node.js package globally, or a project's dependencies in <c>path</c>.</summary>
public sealed record NpmParams
{
    /// <summary>The package (or a tarball path/URL npm accepts); without it, the dependencies of <c>path</c>'s package.json.</summary>
    public string? Name { get; init; }

    /// <summary>The project folder on the host (made if missing, as Ansible does); required unless <c>global</c>.</summary>
    public string? Path { get; init; }

    /// <summary>The version of <c>name</c> (<c>name@version</c>).</summary>
    public string? Version { get; init; }

    /// <summary>Install into npm's global prefix (<c>--global</c>).</summary>
    [ParamAlias("global")]
    public bool Global { get; init; }

    /// <summary><c>present</c> (default), <c>absent</c> or <c>latest</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>The npm command, split at spaces as Ansible does (e.g. <c>npm --prefix /opt/node</c>).</summary>
    public string? Executable { get; init; }

    public string? Registry { get; init; }

    public bool Production { get; init; }

    public bool IgnoreScripts { get; init; }

    public bool UnsafePerm { get; init; }

    /// <summary>Run <c>npm ci</c> (always a change, as in Ansible).</summary>
    public bool Ci { get; init; }

    public bool NoOptional { get; init; }

    public bool NoBinLinks { get; init; }
}
