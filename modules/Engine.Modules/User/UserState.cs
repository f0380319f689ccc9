using Converge.Core.Modules;
using Converge.Modules.Accounts;

namespace Converge.Modules.User;

/// <summary>A user as compared by <c>user</c>: each property a string, null = absent (actual) or unmanaged (desired).</summary>
public sealed record UserState(string State, string? Uid, string? Group, string? Groups, string? Shell, string? Home, string? Comment, string? Password, string? Lock, string? SshKey)
{
    public static readonly IReadOnlyList<StateProperty<UserState>> Properties =
    [
        new("state", s => s.State),
        new("uid", s => s.Uid),
        new("group", s => s.Group),
        new("groups", s => s.Groups) { Display = g => g.Length == 0 ? "(none)" : g },
        new("shell", s => s.Shell),
        new("home", s => s.Home),
        new("comment", s => s.Comment),
        new("password", s => s.Password) { Display = _ => "[REDACTED]" },
        new("password_lock", s => s.Lock),
        new("ssh_key", s => s.SshKey),
    ];

    /// <summary>Group names from a list whose items may themselves be comma-separated, as Ansible accepts.</summary>
    public static IReadOnlyList<string> Split(IEnumerable<string> groups) =>
        [.. groups.SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public static UserState Actual(string name, AccountEntries entries) => !entries.UserExists
        ? new UserState("absent", null, null, null, null, null, null, null, null, null)
        : new UserState(
            "present",
            entries.Uid,
            entries.GroupName(entries.Gid!),
            string.Join(',', entries.MemberOf(name)),
            entries.Shell,
            entries.Home,
            entries.Comment,
            entries.PasswordDigest,
            entries.Locked ? "yes" : "no",
            entries.KeyExists ? "present" : null);

    public static UserState Desired(UserParams parameters, AccountEntries entries)
    {
        if (parameters.State == "absent")
        {
            return new UserState("absent", null, null, null, null, null, null, null, null, null);
        }

        string? groups = null;
        if (parameters.Groups is { } wanted)
        {
            var list = Split(wanted);
            groups = string.Join(',', parameters.Append ? [.. list.Union(entries.MemberOf(parameters.Name)).Order(StringComparer.Ordinal)] : list);
        }

        var setPassword = parameters.Password is not null && (parameters.UpdatePassword == "always" || !entries.UserExists);
        return new UserState(
            "present",
            parameters.Uid?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            parameters.Group is { } group ? entries.GroupName(group) : null,
            groups,
            parameters.Shell,
            parameters.Home,
            parameters.Comment,
            setPassword ? AccountFact.Digest(parameters.Password!.Reveal()) : null,
            parameters.PasswordLock is { } locked ? (locked ? "yes" : "no") : null,
            parameters.GenerateSshKey ? "present" : null);
    }
}
