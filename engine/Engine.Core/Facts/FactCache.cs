using System.Collections.Concurrent;
using Converge.Core.Connections;

namespace Converge.Core.Facts;

/// <summary>
/// Facts of one host for one run. Modules invalidate the facts their changes make stale, as Puppet
/// resets its caches after a change. <see cref="PrefetchAsync"/> batches several probes into one round trip.
/// </summary>
public sealed class FactCache(IConnection connection)
{
    private readonly ConcurrentDictionary<string, object?> _values = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(Fact<T> fact, CancellationToken ct)
    {
        if (_values.TryGetValue(fact.Key, out var cached))
        {
            return (T)cached!;
        }

        var result = await connection.RunAsync(fact.Command with { Kind = CommandKind.Probe }, ct);
        var value = fact.Parse(result);
        _values[fact.Key] = value;
        return value;
    }

    /// <summary>Runs the probes of several facts in one batch and caches them all.</summary>
    public async Task PrefetchAsync<T>(IReadOnlyList<Fact<T>> facts, CancellationToken ct)
    {
        var missing = facts.Where(f => !_values.ContainsKey(f.Key)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var results = await connection.RunProbesAsync([.. missing.Select(f => f.Command with { Kind = CommandKind.Probe })], ct);
        for (var i = 0; i < missing.Count; i++)
        {
            _values[missing[i].Key] = missing[i].Parse(results[i]);
        }
    }

    /// <summary>Drops every cached fact of the given fact type.</summary>
    public void Invalidate<TFact>()
    {
        var prefix = typeof(TFact).FullName + " ";
        foreach (var key in _values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _values.TryRemove(key, out _);
        }
    }

    public void InvalidateAll() => _values.Clear();
}
