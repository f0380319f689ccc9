namespace Converge.Modules.KnownHosts;

/// <summary>Params of <c>known_hosts</c>, Ansible's names and defaults: one host's key in a known_hosts file.</summary>
public sealed record KnownHostsParams
{
    /// <summary>The host (lowercased, as Ansible does); <c>[host]:port</c> for a non-default port.</summary>
    [Core.Modules.ParamAlias("host")]
    public string? Name { get; init; }

    /// <summary>The key line, <c>host keytype base64 [comment]</c>, as ssh-keyscan prints it; required with present.</summary>
    public string? Key { get; init; }

    /// <summary>The file; <c>~/</c> is the login user's home.</summary>
    public string Path { get; init; } = "~/.ssh/known_hosts";

    /// <summary>Write the host field hashed (<c>|1|salt|hash</c>), as <c>ssh-keygen -H</c>.</summary>
    public bool HashHost { get; init; }

    /// <summary><c>present</c> or <c>absent</c> (every line for the host is removed).</summary>
    public string State { get; init; } = "present";
}
