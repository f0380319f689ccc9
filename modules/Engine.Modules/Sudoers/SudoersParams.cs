namespace Converge.Modules.Sudoers;

/// <summary>Params of <c>sudoers</c> (community.general.sudoers), its names and defaults: one rule in its own file under <c>sudoers_path</c>.</summary>
public sealed record SudoersParams
{
    /// <summary>The rule's name: the file <c>sudoers_path/name</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The user the rule is for (or <see cref="Group"/>).</summary>
    public string? User { get; init; }

    /// <summary>The group the rule is for (written <c>%group</c>).</summary>
    public string? Group { get; init; }

    /// <summary>The commands (absolute paths, or ALL); a list or one string.</summary>
    public IReadOnlyList<string>? Commands { get; init; }

    /// <summary>The host field.</summary>
    public string Host { get; init; } = "ALL";

    /// <summary><c>NOPASSWD:</c>.</summary>
    public bool Nopassword { get; init; } = true;

    /// <summary><c>SETENV:</c>.</summary>
    public bool Setenv { get; init; }

    /// <summary>The user (or <c>user:group</c>) the commands run as: <c>(runas)</c>.</summary>
    public string? Runas { get; init; }

    /// <summary><c>present</c> or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>The directory the rule's file goes to.</summary>
    public string SudoersPath { get; init; } = "/etc/sudoers.d";

    /// <summary><c>detect</c> (visudo when the host has it), <c>required</c> (fail without visudo) or <c>absent</c> (no check).</summary>
    public string Validation { get; init; } = "detect";
}
