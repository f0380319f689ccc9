namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>POSIX path filters, as Python's os.path computes them.</summary>
public static class PathFilters
{
    public static void Register(Dictionary<string, JinjaFunction> filters)
    {
        filters["basename"] = new(c => Py.Str(c.DefinedInput) is var p ? p[(p.LastIndexOf('/') + 1)..] : string.Empty);
        filters["dirname"] = new(c => Dirname(Py.Str(c.DefinedInput)));
        filters["splitext"] = new(c => Splitext(Py.Str(c.DefinedInput)));
        filters["expanduser"] = new(c => Expanduser(Py.Str(c.DefinedInput)));
        filters["realpath"] = new(c => Path.GetFullPath(Py.Str(c.DefinedInput)));
        filters["path_join"] = new(c => Py.Iterate(c.DefinedInput).Select(Py.Str).Aggregate(string.Empty, (a, b) => b.StartsWith('/') || a.Length == 0 ? b : a.EndsWith('/') ? a + b : a + "/" + b));
    }

    private static string Dirname(string p)
    {
        var i = p.LastIndexOf('/') + 1;
        var head = p[..i];
        return head.Length > 0 && head.Trim('/').Length > 0 ? head.TrimEnd('/') : head;
    }

    private static PyTuple Splitext(string p)
    {
        var slash = p.LastIndexOf('/');
        var dot = p.LastIndexOf('.');
        if (dot > slash)
        {
            var start = slash + 1;
            while (start < dot && p[start] == '.')
            {
                start++;
            }

            if (start < dot)
            {
                return new PyTuple([p[..dot], p[dot..]]);
            }
        }

        return new PyTuple([p, string.Empty]);
    }

    private static string Expanduser(string p)
    {
        if (!p.StartsWith('~'))
        {
            return p;
        }

        var slash = p.IndexOf('/', StringComparison.Ordinal);
        var user = slash < 0 ? p[1..] : p[1..slash];
        var home = user.Length == 0 ? Environment.GetEnvironmentVariable("HOME") ?? "/root" : $"/home/{user}";
        if (user == "root")
        {
            home = "/root";
        }

        return slash < 0 ? home : home.TrimEnd('/') + p[slash..];
    }
}
