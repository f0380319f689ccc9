using Converge.Core.Connections;

namespace Converge.Core.Running;

/// <summary>How to run a loaded playbook.</summary>
public sealed record RunOptions
{
    /// <summary>Check mode: only checks run, and the transport refuses every change.</summary>
    public bool Check { get; init; }

    /// <summary>Diffs are shown (<c>--diff</c>): only what <c>ansible_diff_mode</c> says; diffs are always computed.</summary>
    public bool Diff { get; init; }

    /// <summary>Hosts worked on at once (<c>--forks</c>).</summary>
    public int Forks { get; init; } = 100;

    /// <summary>Creates a host's connection from its settings (<see cref="LoadedRun.Connections"/>); the runner opens it.</summary>
    public required Func<HostConnectionSettings, IConnection> Connect { get; init; }

    /// <summary>
    /// Cancelled on an interrupt (the first SIGINT/SIGTERM): no new task or host starts; running tasks finish
    /// or time out, and the run ends with <see cref="Reporting.RunReport.Interrupted"/>. Unlike the run's own
    /// cancellation token, it never cuts a task short.
    /// </summary>
    public CancellationToken Stop { get; init; }

    /// <summary>This run's id, recorded in each host's run lock so a second run can say who holds it.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Where artifacts (built packages) are stored on the controller.</summary>
    public Artifacts.ArtifactStore Artifacts { get; init; } = Core.Artifacts.ArtifactStore.Default();
}
