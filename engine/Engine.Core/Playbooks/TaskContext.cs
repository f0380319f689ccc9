using Converge.Core.Playbooks.Roles;

namespace Converge.Core.Playbooks;

/// <summary>
/// Where a task list is being read: its play, the scope (blocks, role) and tags it inherits, the folder
/// relative task files are found in, and the files being expanded (to report an import cycle instead of looping).
/// </summary>
internal sealed record TaskContext(PlayBuilder Play, TaskScope Scope, IReadOnlyList<string> Tags, string Directory, RoleInstance? Role, IReadOnlyList<string> Files)
{
    public TaskContext Within(TaskScope scope, IReadOnlyList<string> tags) => this with { Scope = scope, Tags = [.. Tags, .. tags] };

    /// <summary>
    /// The file a task file names: beside the file being read, else, in a role, relative to the role's folder and its
    /// <c>tasks/</c> (Ansible's <c>path_dwim_relative</c>: a handler's <c>include_tasks: tasks/restart.yml</c> finds the
    /// role's <c>tasks/restart.yml</c>). The first candidate when none exists, for the message.
    /// </summary>
    public string TaskFile(string name)
    {
        string[] candidates = Role is { } role
            ? [System.IO.Path.Combine(Directory, name), System.IO.Path.Combine(role.Path, name), System.IO.Path.Combine(role.Path, "tasks", name)]
            : [System.IO.Path.Combine(Directory, name)];
        return candidates.FirstOrDefault(File.Exists) ?? candidates[0];
    }
}
