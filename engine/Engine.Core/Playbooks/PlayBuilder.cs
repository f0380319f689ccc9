using Converge.Core.Playbooks.Roles;

namespace Converge.Core.Playbooks;

/// <summary>The parts of one play while the loader expands its sections, roles and imports into flat task lists.</summary>
/// <param name="index">The play's index.</param>
/// <param name="idPrefix">For the tasks of a dynamic include, read at run time: the prefix that keeps their ids apart from the play's.</param>
internal sealed class PlayBuilder(int index, string? idPrefix = null)
{
    public int Index { get; } = index;

    public List<TaskDefinition> Tasks { get; } = [];

    public List<TaskDefinition> Handlers { get; } = [];

    /// <summary>Roles already expanded in this play, by name and params, so a dependency runs once (unless allow_duplicates).</summary>
    public HashSet<string> ExpandedRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>Every role of the play in the order loaded: Ansible exposes their defaults and vars to the whole play.</summary>
    public List<RoleInstance> Roles { get; } = [];

    public string NextId(bool isHandler) => $"{idPrefix ?? $"p{Index}"}.{(isHandler ? "h" : "t")}{(isHandler ? Handlers.Count : Tasks.Count)}";
}
