namespace Converge.Core.Modules;

/// <summary>
/// What a module's check found: in sync (with the reason, always) or drift (the list of changes).
/// Changed ⇔ <see cref="Changes"/> is non-empty. A plan is a value, computed by reading the host only.
/// </summary>
public sealed record Plan
{
    private Plan(string reason, IReadOnlyList<Change> changes)
    {
        Reason = reason;
        Changes = changes;
    }

    /// <summary>Why nothing needs to happen, or a one-line summary of the drift.</summary>
    public string Reason { get; }

    public IReadOnlyList<Change> Changes { get; }

    public bool IsDrift => Changes.Count > 0;

    /// <summary>
    /// The plan was made against a state predicted from earlier pending changes (check mode), not
    /// against what the host has now; reports label it "assumed".
    /// </summary>
    public bool Assumed { get; init; }

    /// <summary>
    /// False for work that must run but changes nothing Ansible would call a change (an HTTP request by <c>uri</c>):
    /// the apply runs, the task is reported ok and notifies nothing, and check mode skips it.
    /// </summary>
    public bool ReportsChange { get; init; } = true;

    /// <summary>True when the task counts as changed: drift that reports change.</summary>
    public bool IsChange => IsDrift && ReportsChange;

    /// <summary>Data the check computed for its apply (rendered content, resolved paths).</summary>
    public object? State { get; init; }

    /// <summary>Values for <c>register:</c> that the check can already give (e.g. assert, probe results).</summary>
    public IReadOnlyDictionary<string, object?> Output { get; init; } = EmptyOutput;

    internal static IReadOnlyDictionary<string, object?> EmptyOutput { get; } = new Dictionary<string, object?>();

    public static Plan InSync(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new Plan(reason, []);
    }

    public static Plan Drift(IEnumerable<Change> changes, string? reason = null)
    {
        var list = changes.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("a drift plan needs at least one change; use Plan.InSync(reason)", nameof(changes));
        }

        return new Plan(reason ?? string.Join(", ", list.Select(c => c.Path)), list);
    }

    public static Plan Drift(Change change, string? reason = null) => Drift([change], reason);
}
