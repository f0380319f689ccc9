using Converge.Core.Modules;

namespace Converge.Modules.Common;

/// <summary>
/// The property-by-property comparison of <see cref="StateModule{TParams, TState}"/>, for modules that
/// also put Ansible's return values on their plan (which the state base cannot carry).
/// </summary>
public static class StateComparison
{
    /// <summary>One change per managed property (desired value not null) whose actual value differs.</summary>
    public static IReadOnlyList<Change> Changes<TState>(string subject, IEnumerable<StateProperty<TState>> properties, TState actual, TState desired)
    {
        var changes = new List<Change>();
        foreach (var property in properties)
        {
            if (property.Value(desired) is not { } want)
            {
                continue;
            }

            var have = property.Value(actual);
            if (!string.Equals(have, want, StringComparison.Ordinal))
            {
                changes.Add(new Change($"{subject}: {property.Name}", have is null ? null : property.Show(have), property.Show(want)));
            }
        }

        return changes;
    }
}
