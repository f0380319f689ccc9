namespace Converge.Modules.Group;

/// <summary>Params of <c>group</c>, Ansible's names and defaults (local groups through groupadd/groupmod/groupdel).</summary>
public sealed record GroupParams
{
    public required string Name { get; init; }

    /// <summary><c>present</c> or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    public long? Gid { get; init; }

    /// <summary>A system group (gid below GID_MIN) when creating it.</summary>
    public bool System { get; init; }

    /// <summary>Allow a duplicate <see cref="Gid"/>.</summary>
    public bool NonUnique { get; init; }

    /// <summary>With <c>state: absent</c>, remove it even when it is a user's primary group (<c>groupdel --force</c>).</summary>
    public bool Force { get; init; }
}
