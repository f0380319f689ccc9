using Converge.Core.Diagnostics;
using Converge.Core.Yaml;

namespace Converge.Core.Playbooks;

/// <summary>
/// A dynamic <c>include_tasks</c> or <c>include_role</c>: what it names (a file or role name that may be a
/// template over facts, registered results or the loop item), the keywords its <c>apply:</c> gives the included
/// tasks, and where it was read, so the runner can read the tasks when a host reaches it (<c>Running/IncludeStep</c>).
/// </summary>
public sealed record IncludeDefinition
{
    /// <summary><c>include_tasks</c> or <c>include_role</c>.</summary>
    public required string Keyword { get; init; }

    /// <summary>The task file (relative to the including file) or role name, as written.</summary>
    public required string Name { get; init; }

    public required SourceSpan NameSpan { get; init; }

    /// <summary>The <c>apply:</c> keywords (when, become, become_user, vars, ignore_errors) every included task inherits.</summary>
    public TaskScope Apply { get; init; } = TaskScope.Play;

    /// <summary>The <c>apply:</c> tags, added to every included task.</summary>
    public IReadOnlyList<string> ApplyTags { get; init; } = [];

    /// <summary>Where the include was read: its play, scope, folder and the files around it.</summary>
    internal TaskContext Context { get; init; } = null!;

    /// <summary>The file the include is written in, for located diagnostics at run time.</summary>
    internal YamlFile Source { get; init; } = null!;

    /// <summary>For <c>include_role</c>: the role use as written (tasks_from, vars, …), its name still unrendered.</summary>
    internal Roles.RoleReference? Role { get; init; }

    /// <summary>
    /// For an <c>include_tasks</c> whose file name is not a template: its tasks as read when the playbook loaded
    /// (so a missing file or a bad task is found before the run, and tools can list them). The run reads them
    /// again per host and item, with the item and the host's values.
    /// </summary>
    public IReadOnlyList<TaskDefinition> Preview { get; init; } = [];

    /// <summary>True when the name is a template: it can only be known once its variables are.</summary>
    public bool IsTemplated => Templates.TemplateEngine.IsTemplated(Name);

    /// <summary>The file an <c>include_tasks</c> reads for <paramref name="name"/> (its name rendered), found as the include finds it.</summary>
    internal string TaskFile(string name) => Context.TaskFile(name);
}
