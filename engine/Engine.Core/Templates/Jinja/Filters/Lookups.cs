using System.Diagnostics;
using System.Globalization;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>
/// Ansible's lookup plugins, run on the controller: <c>lookup('file', …)</c>, <c>query('fileglob', …)</c>. A lookup
/// returns a list; <c>lookup()</c> joins strings with commas unless <c>wantlist=True</c>, as Ansible's does.
/// </summary>
public static partial class Lookups
{
    /// <summary>
    /// Runs a lookup. <paramref name="fileSubdirectory"/> is where <c>first_found</c> looks inside each search
    /// directory first: <c>files</c>, or for a loop the task's kind (<c>templates</c> for template, <c>vars</c> for include_vars), as Ansible's task executor sets it.
    /// </summary>
    public static object? Run(RenderSession session, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, bool wantList, string fileSubdirectory = "files")
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
            "first_found" => [FirstFound(session, terms, options, fileSubdirectory)],
            "items" => CollectionFilters.Flatten(terms, 1, false),
            "list" => terms,
            "indexed_items" => CollectionFilters.Flatten(terms, 1, false).Select((x, i) => (object?)new PyTuple([(long)i, x])).ToList(),
            "dict" => terms.SelectMany(t => Py.Entries(t).Select(e => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["key"] = e.Key, ["value"] = e.Value })).ToList(),
            "sequence" => terms.Count == 0 ? Sequence(null, options) : [.. terms.SelectMany(t => Sequence(t, new Dictionary<string, object?>(options, StringComparer.Ordinal)))],
            "flattened" => Flattened(terms),
            "together" => Together(terms),
            "nested" or "cartesian" => Nested(terms, name),
            "subelements" => Subelements(terms),
            "random_choice" => RandomChoice(terms),
            "inventory_hostnames" => InventoryHostnames(session, terms),
            "password" => terms.Select(t => (object?)Password(session, Py.Str(t), options)).ToList(),
            "ini" => terms.Select(t => Ini(session, Py.Str(t), options)).ToList(),
            "csvfile" => terms.Select(t => Csv(session, Py.Str(t), options)).ToList(),
            _ => throw new PyException($"lookup plugin '{name}' is not supported ({string.Join(", ", Plugins)})"),
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

    private static object? FirstFound(RenderSession session, List<object?> terms, Dictionary<string, object?> options, string subdirectory)
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
                if (session.FindFile(candidate, subdirectory) is { } found)
                {
                    return found;
                }
            }
        }

        return options.TryGetValue("skip", out var skip) && Py.Truthy(skip) ? null : throw new PyException($"no file was found when using first_found (tried {string.Join(", ", files)})");
    }

    private static IEnumerable<string> Names(object? value) =>
        value is string s ? s.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : Py.Iterate(value).Select(Py.Str);

    /// <summary>
    /// sequence.py: one term, as the shortcut <c>[start-]end[/stride][:format]</c> or as <c>k=v</c> words
    /// (<c>start=0 end=32 stride=4 format=vol%02d</c>, numbers in any base Python's <c>int(x, 0)</c> reads), over the keyword options.
    /// </summary>
    private static List<object?> Sequence(object? term, Dictionary<string, object?> options)
    {
        if (term is string text && text.Trim().Length > 0)
        {
            var m = SequenceShortcut().Match(text.Trim());
            if (m.Success)
            {
                options["start"] = m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : "1";
                options["end"] = m.Groups[2].Value;
                options["stride"] = m.Groups[3].Success ? m.Groups[3].Value : "1";
                if (m.Groups[4].Success)
                {
                    options["format"] = m.Groups[4].Value;
                }
            }
            else
            {
                foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = word.IndexOf('=', StringComparison.Ordinal);
                    var key = equals > 0 ? word[..equals] : word;
                    if (equals <= 0 || key is not ("start" or "end" or "count" or "stride" or "format"))
                    {
                        throw new PyException($"can't parse arg '{word}' of with_sequence '{text}': write start-end/stride:format or start=N end=N|count=N stride=N format=F");
                    }

                    options[key] = word[(equals + 1)..];
                }
            }
        }
        else if (Py.IsMap(term))
        {
            foreach (var (key, value) in Py.Entries(term))
            {
                options[key] = value;
            }
        }

        long Get(string key, long fallback) => options.TryGetValue(key, out var v) ? v is string s ? SequenceNumber(s, key) : Py.ToLong(v, key) : fallback;
        var format = options.TryGetValue("format", out var f) ? Py.Str(f) : "%d";
        if (options.ContainsKey("count") && options.ContainsKey("end"))
        {
            throw new PyException("can't specify both count and end in with_sequence");
        }

        if (!options.ContainsKey("count") && !options.ContainsKey("end"))
        {
            throw new PyException("must specify count or end in with_sequence");
        }

        var start = Get("start", 1);
        var stride = Get("stride", 1);
        var count = Get("count", 0);
        var end = options.ContainsKey("count") ? (count == 0 ? start - stride : start + ((count - 1) * stride)) : Get("end", 0);
        if (stride > 0 && end < start)
        {
            throw new PyException("to count backwards make stride negative");
        }

        if (stride < 0 && end > start)
        {
            throw new PyException("to count forward don't make stride negative");
        }

        var result = new List<object?>();
        for (var i = start; stride != 0 && (stride > 0 ? i <= end : i >= end); i += stride)
        {
            result.Add(PercentFormat.Apply(format, i));
            if (result.Count > 100_000)
            {
                throw new PyException($"with_sequence gives more than 100000 items (start={start}, end={end}, stride={stride})");
            }
        }

        return result;
    }

    /// <summary>A number as Python's <c>int(x, 0)</c> reads it: decimal, <c>0x</c>, <c>0o</c>, <c>0b</c>.</summary>
    private static long SequenceNumber(string text, string key)
    {
        var s = text.Trim().ToLowerInvariant();
        var negative = s.StartsWith('-');
        s = s.TrimStart('-', '+');
        try
        {
            var value = s.StartsWith("0x", StringComparison.Ordinal) ? Convert.ToInt64(s[2..], 16)
                : s.StartsWith("0o", StringComparison.Ordinal) ? Convert.ToInt64(s[2..], 8)
                : s.StartsWith("0b", StringComparison.Ordinal) ? Convert.ToInt64(s[2..], 2)
                : long.Parse(s, CultureInfo.InvariantCulture);
            return negative ? -value : value;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new PyException($"can't parse {key}={text} as integer");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(\d+)-)?(\d+)(?:/(\d+))?(?::(.+))?$")]
    private static partial System.Text.RegularExpressions.Regex SequenceShortcut();
}
