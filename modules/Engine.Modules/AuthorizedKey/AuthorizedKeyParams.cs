namespace Converge.Modules.AuthorizedKey;

/// <summary>Params of <c>authorized_key</c> (ansible.posix), Ansible's names and defaults.</summary>
public sealed record AuthorizedKeyParams
{
    /// <summary>Whose <c>~/.ssh/authorized_keys</c>; the file and folder are owned by this user.</summary>
    public required string User { get; init; }

    /// <summary>One or more public keys, one per line (blank and <c>#</c> lines are skipped).</summary>
    public required string Key { get; init; }

    /// <summary>Another file than <c>~USER/.ssh/authorized_keys</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Create the key file's folder (0700, owned by the user) when missing.</summary>
    public bool ManageDir { get; init; } = true;

    /// <summary><c>present</c> or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>Options for every given key, e.g. <c>no-port-forwarding,from="10.0.0.1"</c>; they replace the key's own.</summary>
    public string? KeyOptions { get; init; }

    /// <summary>Remove every other key (and line) from the file.</summary>
    public bool Exclusive { get; init; }

    /// <summary>The comment for every given key, instead of the key's own.</summary>
    public string? Comment { get; init; }

    /// <summary>Follow a symlinked key file instead of replacing the link.</summary>
    public bool Follow { get; init; }

    /// <summary>Accepted for Ansible compatibility: keys from URLs are not fetched (see the validator).</summary>
    public bool ValidateCerts { get; init; } = true;
}
