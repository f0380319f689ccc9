namespace Converge.Core.Diagnostics;

/// <summary>The input is invalid; nothing was contacted. Carries every diagnostic found.</summary>
public sealed class ConfigurationException : ConvergeException
{
    public ConfigurationException(IReadOnlyList<Diagnostic> diagnostics)
        : base(DiagnosticFormatter.Format(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public ConfigurationException(SourceSpan span, string message)
        : this([new Diagnostic(span, message)])
    {
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Tasks whose diagnostics were held back because no host reaches them (empty when the load stopped earlier).</summary>
    public Running.UnreachedTasks Unreached { get; init; } = new();

    /// <summary>Every task read from a dynamic include before the run stopped (<see cref="Running.LoadedRun.IncludedBeforeRun"/>).</summary>
    public IReadOnlyList<Playbooks.TaskDefinition> IncludedBeforeRun { get; init; } = [];

    /// <summary>Tasks read from the other files a fact-named include could give (<see cref="Running.LoadedRun.IncludedElsewhere"/>).</summary>
    public IReadOnlyList<Playbooks.TaskDefinition> IncludedElsewhere { get; init; } = [];
}
