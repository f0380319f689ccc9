using System.Collections;

namespace Converge.Core.Templates.Jinja;

/// <summary>Python's view of the plain .NET values templates work on: type names, truthiness, maps and sequences.</summary>
public static partial class Py
{
    /// <summary>Throws if the value is undefined; otherwise returns it.</summary>
    public static object? Defined(object? value) => value is Undefined u ? throw u.Error() : value;

    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long n => n != 0,
        int n => n != 0,
        double d => d != 0,
        string s => s.Length > 0,
        Undefined u => throw u.Error(),
        ICollection c => c.Count > 0,
        IReadOnlyCollection<KeyValuePair<string, object?>> m => m.Count > 0,
        IReadOnlyCollection<object?> c => c.Count > 0,
        _ => true,
    };

    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long or int => "int",
        double => "float",
        string => "str",
        PyTuple => "tuple",
        Undefined => "AnsibleUndefined",
        _ when IsMap(value) => "dict",
        IEnumerable => "list",
        IJinjaCallable => "function",
        _ => "object",
    };

    public static bool IsMap(object? value) => value is IReadOnlyDictionary<string, object?> or IDictionary<string, object?>;

    public static bool IsNumber(object? value) => value is long or int or double or bool;

    public static bool IsSequence(object? value) => value is not string && value is not null && !IsMap(value) && value is IEnumerable;

    /// <summary>The entries of a map in its order.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Entries(object? map) => map switch
    {
        IReadOnlyDictionary<string, object?> r => r,
        IDictionary<string, object?> d => d,
        _ => throw new PyException($"'{TypeName(map)}' object is not a mapping"),
    };

    public static bool TryGetKey(object? map, string key, out object? value)
    {
        switch (map)
        {
            case IReadOnlyDictionary<string, object?> r:
                return r.TryGetValue(key, out value);
            case IDictionary<string, object?> d:
                return d.TryGetValue(key, out value);
            default:
                value = null;
                return false;
        }
    }

    public static int Count(object? value) => value switch
    {
        string s => s.Length,
        ICollection c => c.Count,
        IReadOnlyCollection<KeyValuePair<string, object?>> m => m.Count,
        IReadOnlyCollection<object?> c => c.Count,
        Undefined u => throw u.Error(),
        IEnumerable e => e.Cast<object?>().Count(),
        _ => throw new PyException($"object of type '{TypeName(value)}' has no len()"),
    };

    /// <summary>Python's iteration: characters of a string, keys of a map, items of a sequence.</summary>
    public static IEnumerable<object?> Iterate(object? value) => value switch
    {
        string s => s.Select(c => (object?)c.ToString()),
        Undefined u => throw u.Error(),
        IReadOnlyDictionary<string, object?> r => r.Keys,
        IDictionary<string, object?> d => d.Keys,
        IEnumerable<object?> e => e,
        IEnumerable e => e.Cast<object?>(),
        _ => throw new PyException($"'{TypeName(value)}' object is not iterable"),
    };

    public static List<object?> ToList(object? value) => [.. Iterate(value)];

    public static long ToLong(object? value, string what) => value switch
    {
        long n => n,
        int n => n,
        bool b => b ? 1 : 0,
        double d when d == Math.Floor(d) => (long)d,
        Undefined u => throw u.Error(),
        _ => throw new PyException($"{what} must be an integer, not '{TypeName(value)}'"),
    };

    public static double ToDouble(object? value) => value switch
    {
        long n => n,
        int n => n,
        double d => d,
        bool b => b ? 1 : 0,
        Undefined u => throw u.Error(),
        _ => throw new PyException($"a number is required, not '{TypeName(value)}'"),
    };
}
