namespace Converge.Modules.Accounts;

/// <summary>One line of <c>/etc/group</c>.</summary>
public sealed record AccountGroup(string Name, string Gid, IReadOnlyList<string> Members);
