namespace Converge.Modules.Accounts;

/// <summary>
/// What the account databases say about one name: its <c>/etc/passwd</c> fields (null when there is no such
/// user), whether the password is locked, the sha256 of its shadow hash (the hash itself never leaves the
/// host), every group, and the user's SSH key when one was asked about.
/// </summary>
public sealed record AccountEntries(IReadOnlyList<string>? Passwd, bool Locked, string? PasswordDigest, IReadOnlyList<AccountGroup> Groups)
{
    public bool ShadowReadable { get; init; } = true;

    public bool KeyExists { get; init; }

    public string? PublicKey { get; init; }

    public bool UserExists => Passwd is not null;

    public string? Uid => Passwd?[2];

    public string? Gid => Passwd?[3];

    public string? Comment => Passwd?[4];

    public string? Home => Passwd?[5];

    public string? Shell => Passwd?[6];

    /// <summary>The group with this name, null when there is none.</summary>
    public AccountGroup? Group(string name) => Groups.FirstOrDefault(g => g.Name == name);

    /// <summary>A group's name from its name or number; the number itself when no group has it.</summary>
    public string GroupName(string nameOrGid) =>
        Groups.FirstOrDefault(g => g.Name == nameOrGid)?.Name ?? Groups.FirstOrDefault(g => g.Gid == nameOrGid)?.Name ?? nameOrGid;

    /// <summary>The supplementary groups listing <paramref name="user"/> as a member, by name.</summary>
    public IReadOnlyList<string> MemberOf(string user) => [.. Groups.Where(g => g.Members.Contains(user)).Select(g => g.Name).Order(StringComparer.Ordinal)];
}
