namespace Converge.Core.Templates.Jinja;

/// <summary>
/// <c>hostvars</c>: each host's variables, whose templates are rendered with that host's variables when
/// read (never with the current host's), one host at a time instead of all of them up front.
/// </summary>
public sealed class HostVars(object hosts, JinjaEnvironment environment, IReadOnlyList<string> searchPath) : IJinjaObject, IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _views = new(StringComparer.Ordinal);

    public bool TryGetAttribute(string name, out object? value) => TryGetValue(name, out value);

    public bool TryGetValue(string key, out object? value)
    {
        if (_views.TryGetValue(key, out value))
        {
            return true;
        }

        if (!Py.TryGetKey(hosts, key, out var raw) || raw is null || !Py.IsMap(raw))
        {
            return false;
        }

        var vars = raw as IReadOnlyDictionary<string, object?> ?? ((IDictionary<string, object?>)raw).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        value = _views[key] = new HostView(new RenderSession(environment, vars, searchPath), vars, $"hostvars.{key}");
        return true;
    }

    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => Py.Entries(hosts).Select(e => e.Key);

    public IEnumerable<object?> Values => Keys.Select(k => this[k]);

    public int Count => Keys.Count();

    public bool ContainsKey(string key) => Py.TryGetKey(hosts, key, out _);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Keys.Select(k => new KeyValuePair<string, object?>(k, this[k])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class HostView(RenderSession session, IReadOnlyDictionary<string, object?> vars, string path) : IJinjaObject, IJinjaPath, IReadOnlyDictionary<string, object?>
    {
        public string Path => path;

        public bool TryGetAttribute(string name, out object? value) => TryGetValue(name, out value);

        public bool TryGetValue(string key, out object? value) => session.TryVariable(key, out value);

        public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => vars.Keys;

        public IEnumerable<object?> Values => Keys.Select(k => this[k]);

        public int Count => vars.Count;

        public bool ContainsKey(string key) => vars.ContainsKey(key);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Keys.Select(k => new KeyValuePair<string, object?>(k, this[k])).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
