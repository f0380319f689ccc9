using Converge.Core.Modules;

namespace Converge.Modules.Git;

/// <summary>Params of <c>git</c>, Ansible's names, aliases and defaults: a checkout of a repository at a version.</summary>
public sealed record GitParams
{
    /// <summary>The repository URL (<c>file://</c>, <c>ssh://</c>, <c>https://</c>, a path).</summary>
    [ParamAlias("name")]
    public required string Repo { get; init; }

    /// <summary>Where the checkout lives on the host.</summary>
    public required string Dest { get; init; }

    /// <summary><c>HEAD</c> (the remote's default branch), a branch, a tag or a commit.</summary>
    public string Version { get; init; } = "HEAD";

    public string Remote { get; init; } = "origin";

    /// <summary>Discard local modifications to tracked files instead of failing.</summary>
    public bool Force { get; init; }

    /// <summary>A shallow clone/fetch of this many commits.</summary>
    public long? Depth { get; init; }

    /// <summary>Ansible's <c>clone</c> (a record cannot have a member named Clone): clone when <see cref="Dest"/> has no repository.</summary>
    [ParamAlias("clone")]
    public bool CloneMissing { get; init; } = true;

    /// <summary>Fetch and move to <see cref="Version"/> when the repository exists.</summary>
    public bool Update { get; init; } = true;

    public bool Bare { get; init; }

    public bool SingleBranch { get; init; }

    /// <summary>Update submodules (<c>git submodule update --init --recursive</c>) after a change.</summary>
    public bool Recursive { get; init; } = true;

    /// <summary>The git program on the host.</summary>
    public string? Executable { get; init; }

    /// <summary>Accept an unknown SSH host key of the repository's server (<c>StrictHostKeyChecking=no</c>).</summary>
    public bool AcceptHostkey { get; init; }

    /// <summary>Accept a new (never a changed) SSH host key (<c>StrictHostKeyChecking=accept-new</c>).</summary>
    public bool AcceptNewhostkey { get; init; }

    /// <summary>The SSH private key on the host for the repository's server.</summary>
    public string? KeyFile { get; init; }

    /// <summary>More ssh options, e.g. <c>-o ConnectTimeout=5</c>.</summary>
    public string? SshOpts { get; init; }

    /// <summary>Not supported (the validator says why).</summary>
    public string? Refspec { get; init; }

    /// <summary>Not supported (the validator says why).</summary>
    public string? Archive { get; init; }

    /// <summary>Not supported (the validator says why).</summary>
    public bool VerifyCommit { get; init; }

    /// <summary>Not supported (the validator says why).</summary>
    public string? SeparateGitDir { get; init; }
}
