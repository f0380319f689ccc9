using Converge.Core.Diagnostics;

namespace Converge.Core.Modules;

/// <summary>
/// The synthetic check for state-shaped modules (PowerShell DSC v3's synthetic test): the module reads
/// the actual state and states the desired one; this base compares them property by property and
/// plans one <see cref="Change"/> per differing property. A property whose desired value is null is
/// not managed and never compared. Imperative modules (command, reboot) write their own check.
/// </summary>
public abstract class StateModule<TParams, TState> : WorkModule<TParams, StateDifference<TState>>
    where TParams : class
    where TState : class
{
    /// <summary>The properties compared, in report order (e.g. state, content, mode, owner, group).</summary>
    protected abstract IReadOnlyList<StateProperty<TState>> Properties { get; }

    /// <summary>What the changes are about, e.g. the file's path; prefixes every change path.</summary>
    protected abstract string Subject(TParams parameters);

    /// <summary>Reads the host (only reads: this runs in check mode) and computes the desired state.</summary>
    protected abstract Task<StatePair<TState>> ReadAsync(ModuleContext context, TParams parameters, CancellationToken ct);

    /// <summary>Makes the host match the desired state; returns the apply message.</summary>
    protected abstract Task<string> SetAsync(ModuleContext context, TParams parameters, StateDifference<TState> difference, CancellationToken ct);

    public sealed override async Task<Plan> CheckAsync(ModuleContext context, TParams parameters, CancellationToken ct)
    {
        var subject = Subject(parameters);
        var pair = await ReadAsync(context, parameters, ct);
        var (actual, desired) = pair;
        var changes = new List<Change>();
        var differing = new List<string>();
        var managed = new List<string>();
        foreach (var property in Properties)
        {
            var want = property.Value(desired);
            if (want is null)
            {
                continue;
            }

            var have = property.Value(actual);
            managed.Add($"{property.Name} {property.Show(want)}");
            if (!string.Equals(have, want, StringComparison.Ordinal))
            {
                differing.Add(property.Name);
                changes.Add(new Change($"{subject}: {property.Name}", have is null ? null : property.Show(have), property.Show(want))
                {
                    Diff = property.Diff?.Invoke(actual, desired),
                });
            }
        }

        if (changes.Count == 0)
        {
            return Plan.InSync(managed.Count == 0 ? $"{subject}: nothing to manage" : $"{subject}: {string.Join(", ", managed)} as desired");
        }

        return Plan.Drift(changes, pair.Assumption) with
        {
            State = new StateDifference<TState>(actual, desired, differing),
            Assumed = pair.Assumption is not null,
        };
    }

    protected sealed override async Task<ApplyResult> ApplyAsync(ModuleContext context, TParams parameters, Plan plan, StateDifference<TState> difference, CancellationToken ct) =>
        ApplyResult.Done(await SetAsync(context, parameters, difference, ct));
}
