using Converge.Core.Modules;
using Converge.Core.Secrets;

namespace Converge.Modules.User;

/// <summary>Params of <c>user</c>, Ansible's names and defaults (Linux, local accounts through the shadow tools).</summary>
public sealed record UserParams
{
    [ParamAlias("user")]
    public required string Name { get; init; }

    /// <summary><c>present</c> or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    public long? Uid { get; init; }

    /// <summary>The primary group, by name or number (it must exist).</summary>
    public string? Group { get; init; }

    /// <summary>Supplementary groups (a list or a comma-separated string); an empty list removes them all unless <see cref="Append"/>.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Add <see cref="Groups"/> to the user's groups instead of making them the exact list.</summary>
    public bool Append { get; init; }

    public string? Shell { get; init; }

    public string? Home { get; init; }

    /// <summary>The GECOS field.</summary>
    public string? Comment { get; init; }

    /// <summary>Create the home folder when creating the user.</summary>
    [ParamAlias("createhome")]
    public bool CreateHome { get; init; } = true;

    /// <summary>With a changed <see cref="Home"/>, move the old home's content there.</summary>
    public bool MoveHome { get; init; }

    /// <summary>A system account (uid below UID_MIN, no aging) when creating it.</summary>
    public bool System { get; init; }

    /// <summary>Allow a duplicate <see cref="Uid"/>.</summary>
    public bool NonUnique { get; init; }

    /// <summary>A crypt(3) hash (never a clear-text password); a secret: never in argv, logs or diffs.</summary>
    public Secret? Password { get; init; }

    /// <summary><c>always</c> sets <see cref="Password"/> when it differs; <c>on_create</c> only for a new user.</summary>
    public string UpdatePassword { get; init; } = "always";

    /// <summary>Lock (true) or unlock (false) the password, as <c>usermod -L/-U</c>.</summary>
    public bool? PasswordLock { get; init; }

    /// <summary>With <c>state: absent</c>, remove the home folder and mail spool too.</summary>
    public bool Remove { get; init; }

    /// <summary>With <c>state: absent</c>, remove the user even while logged in (<c>userdel --force</c>).</summary>
    public bool Force { get; init; }

    /// <summary>Generate an SSH key pair for the user when it has none.</summary>
    public bool GenerateSshKey { get; init; }

    public string SshKeyType { get; init; } = "rsa";

    /// <summary>Key size; 0 leaves ssh-keygen's default for the type.</summary>
    public long SshKeyBits { get; init; }

    /// <summary>The private key's path, relative to the home folder unless absolute.</summary>
    public string SshKeyFile { get; init; } = ".ssh/id_rsa";

    public string? SshKeyComment { get; init; }
}
