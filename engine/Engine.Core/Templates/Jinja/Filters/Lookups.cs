using System.Diagnostics;
using System.Globalization;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>
/// Ansible's lookup plugins, run on the controller: <c>lookup('file', …)</c>, <c>query('fileglob', …)</c>. A lookup
/// returns a list; <c>lookup()</c> joins strings with commas unless <c>wantlist=True</c>, as Ansible's does.
/// </summary>
public static partial class Lookups
{
    public static object? Run(RenderSession session, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, bool wantList)
    {
        if (args.Count == 0)
        {
            throw new PyException("lookup needs a plugin name: lookup('file', 'path')");
        }

        var name = Py.Str(args[0]);
        name = name.StartsWith("ansible.builtin.", StringComparison.Ordinal) ? name["ansible.builtin.".Length..] : name;
        var terms = args.Skip(1).Select(Py.Defined).ToList();
        var options = kwargs.Where(k => k.Key != "wantlist" && k.Key != "errors").ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        var results = name switch
        {
            "file" => terms.Select(t => (object?)ReadFile(session, Py.Str(t), !options.TryGetValue("rstrip", out var r) || Py.Truthy(r), options.TryGetValue("lstrip", out var l) && Py.Truthy(l))).ToList(),
            "env" => terms.Select(t => (object?)(Environment.GetEnvironmentVariable(Py.Str(t)) ?? (options.TryGetValue("default", out var d) ? Py.Str(d) : string.Empty))).ToList(),
            "vars" => terms.Select(t => session.TryVariable(Py.Str(t), out var v) ? v : options.TryGetValue("default", out var d) ? d : throw new UndefinedVariableException(Py.Str(t))).ToList(),
            "template" => terms.Select(t => (object?)RenderTemplate(session, Py.Str(t))).ToList(),
            "pipe" => terms.Select(t => (object?)Pipe(Py.Str(t)).TrimEnd('\n')).ToList(),
            "lines" => terms.SelectMany(t => Pipe(Py.Str(t)).Split('\n', StringSplitOptions.None).SkipLast(Pipe(Py.Str(t)).EndsWith('\n') ? 1 : 0).Select(l => (object?)l)).ToList(),
            "fileglob" => terms.SelectMany(t => FileGlob(session, Py.Str(t))).ToList(),
            "first_found" => [FirstFound(session, terms, options)],
            "items" => CollectionFilters.Flatten(terms, 1, false),
            "list" => terms,
            "indexed_items" => CollectionFilters.Flatten(terms, 1, false).Select((x, i) => (object?)new PyTuple([(long)i, x])).ToList(),
            "dict" => terms.SelectMany(t => Py.Entries(t).Select(e => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["key"] = e.Key, ["value"] = e.Value })).ToList(),
            "sequence" => Sequence(terms, options),
            "password" => terms.Select(t => (object?)Password(session, Py.Str(t), options)).ToList(),
            "ini" => terms.Select(t => Ini(session, Py.Str(t), options)).ToList(),
            "csvfile" => terms.Select(t => Csv(session, Py.Str(t), options)).ToList(),
            _ => throw new PyException($"lookup plugin '{name}' is not supported (file, env, vars, template, pipe, lines, fileglob, first_found, items, list, indexed_items, dict, sequence, password, ini, csvfile)"),
        };
        if (wantList)
        {
            return results;
        }

        if (results.All(r => r is string))
        {
            return string.Join(',', results.Cast<string>());
        }

        return results.Count == 1 ? results[0] : results;
    }

    private static string Find(RenderSession session, string name, string subdirectory) =>
        session.FindFile(name, subdirectory) ?? throw new PyException($"could not locate file in lookup: {name} (looked in {session.SearchPathText})");

    private static string ReadFile(RenderSession session, string name, bool rstrip, bool lstrip)
    {
        var text = File.ReadAllText(Find(session, name, "files"));
        text = rstrip ? text.TrimEnd() : text;
        return lstrip ? text.TrimStart() : text;
    }

    private static string RenderTemplate(RenderSession session, string name)
    {
        var path = Find(session, name, "templates");
        var template = session.Environment.File(path, File.ReadAllText(path));
        return new RenderSession(session.Environment, session.Variables, session.SearchPath).RenderText(template);
    }

    private static string Pipe(string command)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start) ?? throw new PyException($"could not run '{command}'");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new PyException($"lookup_plugin.pipe({command}) returned {process.ExitCode}");
    }

    private static IEnumerable<object?> FileGlob(RenderSession session, string pattern)
    {
        var directory = Path.GetDirectoryName(pattern) ?? string.Empty;
        var filePattern = Path.GetFileName(pattern);
        var roots = Path.IsPathRooted(pattern) ? [directory] : session.Directories.SelectMany(d => new[] { Path.Combine(d, "files", directory), Path.Combine(d, directory) });
        foreach (var root in roots)
        {
            if (Directory.Exists(root))
            {
                var found = Directory.GetFiles(root, filePattern).Order(StringComparer.Ordinal).ToList();
                if (found.Count > 0)
                {
                    return found.Select(f => (object?)f);
                }
            }
        }

        return [];
    }

    private static object? FirstFound(RenderSession session, List<object?> terms, Dictionary<string, object?> options)
    {
        var files = new List<string>();
        var paths = new List<string>();
        foreach (var term in terms)
        {
            if (Py.IsMap(term))
            {
                files.AddRange(Py.TryGetKey(term, "files", out var f) ? Names(f) : []);
                paths.AddRange(Py.TryGetKey(term, "paths", out var p) ? Names(p) : []);
            }
            else
            {
                files.AddRange(Names(term));
            }
        }

        files.AddRange(options.TryGetValue("files", out var of) ? Names(of) : []);
        paths.AddRange(options.TryGetValue("paths", out var op) ? Names(op) : []);
        foreach (var file in files)
        {
            var candidates = paths.Count == 0 ? [file] : paths.Select(p => Path.Combine(p, file));
            foreach (var candidate in candidates)
            {
                if (session.FindFile(candidate, "files") is { } found)
                {
                    return found;
                }
            }
        }

        return options.TryGetValue("skip", out var skip) && Py.Truthy(skip) ? null : throw new PyException($"no file was found when using first_found (tried {string.Join(", ", files)})");
    }

    private static IEnumerable<string> Names(object? value) =>
        value is string s ? s.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : Py.Iterate(value).Select(Py.Str);

    private static List<object?> Sequence(List<object?> terms, Dictionary<string, object?> options)
    {
        long Get(string key, long fallback) => options.TryGetValue(key, out var v) ? Py.ToLong(v is string s ? long.Parse(s, CultureInfo.InvariantCulture) : v, key) : fallback;
        var format = options.TryGetValue("format", out var f) ? Py.Str(f) : "%d";
        if (terms.Count > 0 && terms[0] is string shortcut)
        {
            var m = SequenceShortcut().Match(shortcut);
            if (!m.Success)
            {
                throw new PyException($"can't parse arg '{shortcut}' as a sequence (start-end/stride:format)");
            }

            options["start"] = m.Groups[1].Value.Length > 0 ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1L;
            options["end"] = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            options["stride"] = m.Groups[3].Success ? long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 1L;
            format = m.Groups[4].Success ? m.Groups[4].Value : format;
        }

        var start = Get("start", 1);
        var stride = Get("stride", 1);
        var end = options.ContainsKey("count") ? start + ((Get("count", 0) - 1) * stride) : Get("end", 0);
        var result = new List<object?>();
        for (var i = start; stride > 0 ? i <= end : i >= end; i += stride)
        {
            result.Add(PercentFormat.Apply(format, i));
            if (result.Count > 100_000 || stride == 0)
            {
                break;
            }
        }

        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(\d+)-)?(\d+)(?:/(\d+))?(?::(.+))?$")]
    private static partial System.Text.RegularExpressions.Regex SequenceShortcut();
}
