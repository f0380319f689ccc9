using System.Collections.Concurrent;
using Converge.Core.Connections;

namespace Converge.Core.Facts;

/// <summary>
/// Facts of one host for one run. <see cref="PrefetchAsync"/> reads many facts in one round trip (the runner
/// prefetches what a play's tasks declare); a prefetched probe result is parsed only when a task reads it,
/// so a fact that fails to parse fails the task that reads it, not the prefetch.
/// <para>
/// Staleness: every mutating call on the host's connection drops the cached facts it may have changed (see
/// <see cref="FactInvalidatingConnection"/>, which the runner puts between modules and the host), so a
/// cached value always describes the host as it was after its last change. A change that names the paths it
/// touched (<see cref="PathChange"/>: a file write, a module's mkdir or chmod) drops only the facts that read
/// one of those paths, an ancestor or a descendant, provided probes showed those paths to be canonical (no
/// symlink or hard link could carry the change to another name, <see cref="CanonicalPaths"/>); any other
/// change drops every fact. Modules may still invalidate what they know their change made stale, as Puppet
/// resets its caches after a change.
/// </para>
/// </summary>
public sealed class FactCache(IConnection connection)
{
    private readonly ConcurrentDictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CommandResult> _prefetched = new(StringComparer.Ordinal);

    // What each cached fact read (null: anything) and which paths are known canonical; changed under _gate only.
    private readonly Dictionary<string, IReadOnlyList<PathRead>?> _paths = new(StringComparer.Ordinal);
    private readonly CanonicalPaths _canonical = new();
    private readonly Lock _gate = new();

    /// <summary>
    /// Files through which user and group names are read (NSS): a change to one can change how every file's owner
    /// reads, so it drops every fact.
    /// </summary>
    private static readonly string[] NameService = ["/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/sssd", "/etc/nslcd.conf"];

    public async Task<T> GetAsync<T>(Fact<T> fact, CancellationToken ct)
    {
        var key = fact.Key;
        if (_values.TryGetValue(key, out var cached))
        {
            return (T)cached!;
        }

        CommandResult result;
        if (_prefetched.TryRemove(key, out var early))
        {
            result = early;
        }
        else
        {
            result = await connection.RunAsync(fact.Command with { Kind = CommandKind.Probe }, ct);
            Record(key, fact.PathsRead(result));
        }

        var value = fact.Parse(result);
        _values[key] = value;
        return value;
    }

    /// <summary>True when reading the fact costs no round trip (its value or its probe result is cached).</summary>
    public bool Has(IFact fact) => _values.ContainsKey(fact.Key) || _prefetched.ContainsKey(fact.Key);

    /// <summary>
    /// Runs the probes of the facts not cached yet in one batch (<see cref="IConnection.RunProbesAsync"/>:
    /// one round trip over SSH) and keeps their results for <see cref="GetAsync{T}"/>. Returns how many probes ran.
    /// </summary>
    public async Task<int> PrefetchAsync(IReadOnlyList<IFact> facts, CancellationToken ct)
    {
        var missing = facts.Where(f => !Has(f)).DistinctBy(f => f.Key, StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        // Facts that can be read together (IBatchedFact, e.g. many file facts) become one probe per kind and become.
        var batches = missing.OfType<IBatchedFact>()
            .GroupBy(f => (f.BatchKind, f.Command.Become))
            .Where(g => g.Count() > 1)
            .Select(g => g.ToList())
            .ToList();
        var batched = batches.SelectMany(b => b).ToHashSet();
        var single = missing.Where(f => !(f is IBatchedFact b && batched.Contains(b))).ToList();
        var probes = single.Select(f => f.Command with { Kind = CommandKind.Probe })
            .Concat(batches.Select(b => b[0].BatchCommand(b) with { Kind = CommandKind.Probe, Become = b[0].Command.Become }))
            .ToList();
        var results = await connection.RunProbesAsync(probes, ct);
        for (var i = 0; i < single.Count; i++)
        {
            Record(single[i].Key, single[i].PathsRead(results[i]));
            _prefetched[single[i].Key] = results[i];
        }

        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            var split = batch[0].SplitBatch(batch, results[single.Count + i]);
            if (split is null || split.Count != batch.Count)
            {
                // The batch could not be read as a whole (a file vanished under it): read these facts one by one.
                split = await connection.RunProbesAsync([.. batch.Select(f => f.Command with { Kind = CommandKind.Probe })], ct);
            }

            for (var k = 0; k < batch.Count; k++)
            {
                Record(batch[k].Key, batch[k].PathsRead(split[k]));
                _prefetched[batch[k].Key] = split[k];
            }
        }

        return missing.Count;
    }

    /// <summary>Drops every cached fact of the given fact type.</summary>
    public void Invalidate<TFact>()
    {
        var prefix = typeof(TFact).FullName + " ";
        lock (_gate)
        {
            foreach (var key in _values.Keys.Concat(_prefetched.Keys).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                Drop(key);
            }
        }
    }

    /// <summary>
    /// Drops the facts a change may have made stale: those reading one of <paramref name="changes"/>' paths, an
    /// ancestor or a descendant of one, and those that may read anything. Every fact when the change declares
    /// nothing (null) or a path not known canonical.
    /// </summary>
    public void Invalidate(IReadOnlyList<PathChange>? changes)
    {
        lock (_gate)
        {
            if (changes is null || !changes.All(_canonical.Cover) || changes.Any(c => NameService.Any(n => HostPath.Overlap(c.Path, n))))
            {
                InvalidateAll();
                return;
            }

            foreach (var key in _values.Keys.Concat(_prefetched.Keys).Distinct().ToList())
            {
                if (_paths.GetValueOrDefault(key) is not { } read || read.Any(p => changes.Any(c => HostPath.Overlap(p.Path, c.Path))))
                {
                    Drop(key);
                }
            }

            foreach (var change in changes.Where(c => c.EntryOnly))
            {
                _canonical.ForgetUnder(change.Path);
            }
        }
    }

    /// <summary>After a change succeeded: the directories it made are there (<see cref="PathChange.MakesDirectory"/>).</summary>
    public void Made(IReadOnlyList<PathChange> changes)
    {
        lock (_gate)
        {
            foreach (var change in changes.Where(c => c.MakesDirectory))
            {
                _canonical.MarkDirectory(change.Path);
            }
        }
    }

    /// <summary>Drops every cached fact; called after every change made on the host that does not say what it touched.</summary>
    public void InvalidateAll()
    {
        lock (_gate)
        {
            _values.Clear();
            _prefetched.Clear();
            _paths.Clear();
            _canonical.Clear();
        }
    }

    private void Record(string key, IReadOnlyList<PathRead>? paths)
    {
        lock (_gate)
        {
            _paths[key] = paths;
            if (paths is not null)
            {
                _canonical.Add(paths);
            }
        }
    }

    private void Drop(string key)
    {
        _values.TryRemove(key, out _);
        _prefetched.TryRemove(key, out _);
        _paths.Remove(key);
    }
}
