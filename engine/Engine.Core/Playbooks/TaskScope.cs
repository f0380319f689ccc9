namespace Converge.Core.Playbooks;

/// <summary>
/// The keywords a task inherits from the blocks around it, as in Ansible: a <c>block:</c>'s <c>when</c>,
/// <c>become</c>, <c>become_user</c> and <c>vars</c> flow into each of its tasks (its <c>tags</c> are applied
/// when the graph is filtered, so the runner never sees them). Every graph node carries one; a task outside
/// any block has <see cref="Play"/>, the empty scope. The runner reads it in three places: the task's
/// conditions (<c>Running/TaskConditions</c>), its variables (<c>Running/VariableScope</c>) and its become
/// (<c>Running/HostSession.BecomeOf</c>), so a loader that nests blocks only has to build the chain.
/// </summary>
public sealed record TaskScope
{
    /// <summary>The scope of a task directly in a play: nothing inherited.</summary>
    public static TaskScope Play { get; } = new();

    /// <summary>The enclosing block's scope; null for the outermost block (the play is implicit).</summary>
    public TaskScope? Parent { get; init; }

    /// <summary>The block's <c>when</c>: the block's tasks run only when it and every outer one hold.</summary>
    public string? When { get; init; }

    public bool? Become { get; init; }

    public string? BecomeUser { get; init; }

    /// <summary>The block's <c>ignore_errors</c>, inherited by its tasks unless a task sets its own.</summary>
    public bool? IgnoreErrors { get; init; }

    /// <summary>The block this scope is a section of (null for a role's or an include's scope).</summary>
    public BlockFrame? Block { get; init; }

    /// <summary>Which section of <see cref="Block"/> the tasks under this scope are in.</summary>
    public BlockSection Section { get; init; }

    /// <summary>A role's <c>defaults/</c>: the lowest precedence of all, below inventory variables.</summary>
    public IReadOnlyDictionary<string, object?> Defaults { get; init; } = new Dictionary<string, object?>();

    /// <summary>The role this scope is (null for a block): its name and folder, for <c>role_name</c>, <c>role_path</c> and file lookups.</summary>
    public Roles.RoleInstance? Role { get; init; }

    /// <summary>The block's <c>vars</c> (or a role's <c>vars/</c> and params): above play vars, below the task's own vars.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    /// <summary>The <c>ignore_errors</c> a task inherits from its innermost block that sets one; null when none does.</summary>
    public bool? InheritedIgnoreErrors()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.IgnoreErrors is { } ignore)
            {
                return ignore;
            }
        }

        return null;
    }

    /// <summary>The innermost role around this scope, if any.</summary>
    public Roles.RoleInstance? InnermostRole()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.Role is not null)
            {
                return scope.Role;
            }
        }

        return null;
    }

    /// <summary>This scope and its parents, outermost first (the order conditions hold and vars layer in).</summary>
    public IReadOnlyList<TaskScope> OutermostFirst()
    {
        var chain = new List<TaskScope>();
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            chain.Insert(0, scope);
        }

        return chain;
    }
}
