using Converge.Core.Playbooks;

namespace Converge.Core.Running;

/// <summary>What validating the dynamic includes before the run found (<see cref="RunLoader"/>).</summary>
internal sealed class IncludesBeforeRun
{
    /// <summary>Includes whose name depends on run-time values: validated when a host first resolves them.</summary>
    public List<NamedReference> Runtime { get; set; } = [];

    /// <summary>Includes named from the facts every host Converge manages has, each with the file those facts name.</summary>
    public List<NamedReference> Assumed { get; } = [];

    /// <summary>Each include (by task id) and file name already read: include nodes are per host, the files they read are not.</summary>
    public HashSet<(string Include, string Name)> Files { get; } = [];

    /// <summary>Every task read from an include before the run, in the files the hosts read.</summary>
    public List<TaskDefinition> Read { get; } = [];

    /// <summary>Every task read from the other files a fact-named include could give, which no host Converge manages reads.</summary>
    public List<TaskDefinition> Elsewhere { get; } = [];
}
