using Converge.Core.Graph;
using Converge.Core.Planning;
using Converge.Core.Playbooks;

namespace Converge.Core.Running;

/// <summary>
/// A fully loaded and validated run: nothing has been contacted yet. Produced by <see cref="RunLoader"/>;
/// used by <c>validate</c>, <c>graph</c> and the <see cref="Runner"/>.
/// </summary>
public sealed record LoadedRun
{
    public required Playbook Playbook { get; init; }

    public required Inventory.Inventory Inventory { get; init; }

    public required TaskGraph Graph { get; init; }

    /// <summary>Inventory variables of every host with planner variables merged in.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> HostVariables { get; init; }

    /// <summary>Play vars and vars_files merged, by play index.</summary>
    public required IReadOnlyDictionary<int, IReadOnlyDictionary<string, object?>> PlayVariables { get; init; }

    public required IReadOnlyDictionary<string, object?> ExtraVariables { get; init; }

    /// <summary>How every node reaches its host, read once at load; empty until <see cref="RunLoader"/> has read it.</summary>
    public ConnectionPlan Connections { get; init; } = ConnectionPlan.Empty;

    /// <summary>Every secret of the run (connection passwords, whatever reaches them): removed from all output.</summary>
    public Secrets.Redactor Secrets { get; init; } = new();

    /// <summary>The loader that read the playbook: it reads a dynamic include's tasks when a host reaches it.</summary>
    public required PlaybookLoader Includes { get; init; }

    /// <summary>Dynamic includes whose name depends on run-time values (facts, registered results): validated when first resolved.</summary>
    public IReadOnlyList<NamedReference> RuntimeIncludes { get; init; } = [];

    /// <summary>Dynamic includes named from the facts every host Converge manages has, each with the file those facts name: validated now.</summary>
    public IReadOnlyList<NamedReference> AssumedIncludes { get; init; } = [];

    /// <summary>Every task read from a dynamic include before the run (its tasks are validated; a host reads it again when it gets there).</summary>
    public IReadOnlyList<TaskDefinition> IncludedBeforeRun { get; init; } = [];

    /// <summary>Tasks read from the other files a fact-named include could give (<c>setup-RedHat.yml</c>), validated with their diagnostics held back: no host Converge manages reads them.</summary>
    public IReadOnlyList<TaskDefinition> IncludedElsewhere { get; init; } = [];

    /// <summary>Tasks no host reaches before the run, whose diagnostics were held back (a host that reaches one fails it with them).</summary>
    public UnreachedTasks Unreached { get; init; } = new();

    /// <summary>The plans of the inventory planners that apply (e.g. the mesh), for <c>converge graph</c>.</summary>
    public required IReadOnlyList<(string Planner, InventoryPlan Plan)> Plans { get; init; }
}
