using Converge.Core.Playbooks.Roles;

namespace Converge.Core.Playbooks;

/// <summary>
/// Where a task list is being read: its play, the scope (blocks, role) and tags it inherits, the folder
/// relative task files are found in, and the files being expanded (to report an import cycle instead of looping).
/// </summary>
internal sealed record TaskContext(PlayBuilder Play, TaskScope Scope, IReadOnlyList<string> Tags, string Directory, RoleInstance? Role, IReadOnlyList<string> Files)
{
    public TaskContext Within(TaskScope scope, IReadOnlyList<string> tags) => this with { Scope = scope, Tags = [.. Tags, .. tags] };
}
