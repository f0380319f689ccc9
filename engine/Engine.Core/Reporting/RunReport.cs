namespace Converge.Core.Reporting;

/// <summary>Everything a run did: per-task outcomes in completion order and the per-host recap.</summary>
public sealed record RunReport(bool Check, long DurationMs, IReadOnlyList<HostSummary> Hosts, IReadOnlyList<TaskOutcome> Tasks)
{
    public bool AnyChanged => Hosts.Any(h => h.Changed > 0);

    public bool AnyFailed => Hosts.Any(h => h.Failed > 0);

    public bool AnyUnreachable => Hosts.Any(h => h.Unreachable);

    /// <summary>The run was interrupted (<see cref="Running.RunOptions.Stop"/>): tasks not started by then never ran.</summary>
    public bool Interrupted { get; init; }

    /// <summary>
    /// The exit code as bit flags (Puppet/Terraform style): 2 changes made or pending (only when
    /// <paramref name="detailed"/>), 4 some task failed, 8 some host unreachable; 0 otherwise.
    /// </summary>
    public int ExitCode(bool detailed) =>
        (detailed && AnyChanged ? ExitCodes.Changed : 0) | (AnyFailed ? ExitCodes.Failed : 0) | (AnyUnreachable ? ExitCodes.Unreachable : 0);
}
