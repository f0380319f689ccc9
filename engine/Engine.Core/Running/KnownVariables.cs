using System.Diagnostics.CodeAnalysis;

namespace Converge.Core.Running;

/// <summary>
/// A node's variables as far as they are known before the run, for deciding its conditions (<see cref="Reachability"/>).
/// A name the run may still assign (registered results, <c>set_fact</c> and <c>include_vars</c> names, the loop item,
/// gathered facts: the <paramref name="deferred"/> names) reads as unknown, even under <c>is defined</c>; a name nothing
/// defines now or later reads as undefined. When facts are gathered, the facts every host Converge manages has are
/// assumed (<see cref="AssumedFacts"/>), unless a variable set before the run already gives them a value.
/// </summary>
/// <remarks>
/// With a <paramref name="placeholder"/>, each assumed fact reads as it instead of its value: rendering a name with it shows
/// where the facts went (the other files a fact-named include could read on hosts whose facts differ).
/// </remarks>
internal sealed class KnownVariables(IReadOnlyDictionary<string, object?> inner, IReadOnlySet<string> deferred, bool assumeFacts, string? placeholder = null) : IReadOnlyDictionary<string, object?>
{
    /// <summary>What every Debian-family Linux host gathers, known before the run (the distribution, Debian or Ubuntu, and the service manager are not).</summary>
    public static readonly IReadOnlyDictionary<string, object?> AssumedFacts = new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["os_family"] = "Debian",
        ["system"] = "Linux",
        ["pkg_mgr"] = "apt",
    };

    /// <summary>A <see cref="RunLoader"/> deferred entry that stands for any name (a <c>set_fact</c> whose names are templates).</summary>
    public const string AnyName = "*";

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (assumeFacts && key.StartsWith("ansible_", StringComparison.Ordinal) && AssumedFacts.TryGetValue(key["ansible_".Length..], out var fact))
        {
            value = inner.ContainsKey(key) || deferred.Contains(key) ? throw new UnknownBeforeRunException(key) : placeholder ?? fact;
            return true;
        }

        if (assumeFacts && key == "ansible_facts")
        {
            value = inner.ContainsKey(key) ? throw new UnknownBeforeRunException(key) : new PartialFacts(placeholder);
            return true;
        }

        // Other hosts' variables include what they register during the run.
        if (key == "hostvars" || deferred.Contains(key) || IsFact(key))
        {
            throw new UnknownBeforeRunException(key);
        }

        if (inner.TryGetValue(key, out value))
        {
            return true;
        }

        return deferred.Contains(AnyName) ? throw new UnknownBeforeRunException(key) : false;
    }

    /// <summary>A gathered fact's variable (<c>ansible_distribution</c>) not set before the run: known once gathered.</summary>
    private bool IsFact(string key) =>
        key.StartsWith("ansible_", StringComparison.Ordinal) && deferred.Contains("ansible_*") && !inner.ContainsKey(key);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    // Listing every name would read the unknown ones: a condition never lists its variables.
    public IEnumerable<string> Keys => throw new UnknownBeforeRunException("(every variable)");

    public IEnumerable<object?> Values => throw new UnknownBeforeRunException("(every variable)");

    public int Count => throw new UnknownBeforeRunException("(every variable)");

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => throw new UnknownBeforeRunException("(every variable)");

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>ansible_facts</c> before the run: the assumed facts are known, every other key is unknown.</summary>
    private sealed class PartialFacts(string? placeholder) : IReadOnlyDictionary<string, object?>
    {
        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
        {
            if (!AssumedFacts.TryGetValue(key, out value))
            {
                throw new UnknownBeforeRunException("ansible_facts." + key);
            }

            value = placeholder ?? value;
            return true;
        }

        public object? this[string key] => TryGetValue(key, out var value) ? value : null;

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public IEnumerable<string> Keys => throw new UnknownBeforeRunException("ansible_facts");

        // Read by the template engine to tell whether the value holds templates to render first.
        public IEnumerable<object?> Values => AssumedFacts.Values;

        public int Count => throw new UnknownBeforeRunException("ansible_facts");

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => throw new UnknownBeforeRunException("ansible_facts");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
