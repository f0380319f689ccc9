using System.Collections.Frozen;

namespace Converge.Core.Templates.Jinja;

/// <summary>
/// The filters, tests and globals templates can use: Jinja's built-ins and Ansible's. Fully qualified names
/// (<c>ansible.builtin.to_json</c>, <c>ansible.utils.ipaddr</c>) resolve to the same functions.
/// </summary>
public sealed class JinjaLibrary
{
    private static readonly string[] Prefixes = ["ansible.builtin.", "ansible.utils.", "ansible.netcommon.", "community.general."];

    private readonly FrozenDictionary<string, JinjaFunction> _filters;
    private readonly FrozenDictionary<string, JinjaFunction> _tests;

    public JinjaLibrary(IDictionary<string, JinjaFunction> filters, IDictionary<string, JinjaFunction> tests, IDictionary<string, object?> globals)
    {
        _filters = filters.ToFrozenDictionary(StringComparer.Ordinal);
        _tests = tests.ToFrozenDictionary(StringComparer.Ordinal);
        Globals = globals.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The standard library: Jinja's and Ansible's filters, tests, globals and lookups.</summary>
    public static JinjaLibrary Standard { get; } = Library.StandardLibrary.Build();

    public FrozenDictionary<string, object?> Globals { get; }

    public IEnumerable<string> FilterNames => _filters.Keys;

    public IEnumerable<string> TestNames => _tests.Keys;

    public string? ResolveFilter(string name) => Resolve(_filters, name);

    public string? ResolveTest(string name) => Resolve(_tests, name);

    public JinjaFunction Filter(string name) => _filters[name];

    public JinjaFunction Test(string name) => _tests[name];

    private static string? Resolve(FrozenDictionary<string, JinjaFunction> table, string name)
    {
        if (table.ContainsKey(name))
        {
            return name;
        }

        foreach (var prefix in Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && table.ContainsKey(name[prefix.Length..]))
            {
                return name[prefix.Length..];
            }
        }

        return null;
    }
}
