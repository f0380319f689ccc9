using System.Security.Cryptography;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>The lookups that read or write structured files on the controller: password, ini, csvfile.</summary>
public static partial class Lookups
{
    private const string PasswordChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:-_";

    /// <summary>
    /// Ansible's password lookup: the file's first line when it exists, else a new random password written to it
    /// (mode 0600), so later runs read the same one. <c>/dev/null</c> gives a fresh password every time.
    /// </summary>
    private static string Password(RenderSession session, string term, Dictionary<string, object?> options)
    {
        var parts = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var path = parts[0];
        foreach (var option in parts.Skip(1))
        {
            var eq = option.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                options[option[..eq]] = option[(eq + 1)..];
            }
        }

        var length = options.TryGetValue("length", out var l) ? (int)Py.ToLong(l is string s ? long.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : l, "length") : 20;
        var full = Path.IsPathRooted(path) ? path : Path.Combine((session.SearchPath is [var first, ..] ? first : Directory.GetCurrentDirectory()), path);
        if (full != "/dev/null" && File.Exists(full))
        {
            return File.ReadAllText(full).Split('\n')[0].Split(" salt=")[0];
        }

        var password = string.Concat(Enumerable.Range(0, length).Select(_ => PasswordChars[RandomNumberGenerator.GetInt32(PasswordChars.Length)]));
        if (full != "/dev/null")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var stream = new FileStream(full, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            using var writer = new StreamWriter(stream);
            writer.Write(password + "\n");
        }

        return password;
    }

    private static object? Ini(RenderSession session, string key, Dictionary<string, object?> options)
    {
        var file = Find(session, options.TryGetValue("file", out var f) ? Py.Str(f) : "ansible.ini", "files");
        var section = options.TryGetValue("section", out var s) ? Py.Str(s) : "global";
        var fallback = options.TryGetValue("default", out var d) ? d : string.Empty;
        string? current = null;
        foreach (var raw in File.ReadLines(file))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = line[1..^1].Trim();
            }
            else if (current == section && line.Length > 0 && line[0] is not '#' and not ';')
            {
                var eq = line.IndexOfAny(['=', ':']);
                if (eq > 0 && line[..eq].Trim() == key)
                {
                    return line[(eq + 1)..].Trim();
                }
            }
        }

        return fallback;
    }

    private static object? Csv(RenderSession session, string key, Dictionary<string, object?> options)
    {
        var file = Find(session, options.TryGetValue("file", out var f) ? Py.Str(f) : "ansible.csv", "files");
        var delimiter = options.TryGetValue("delimiter", out var d) ? Py.Str(d) : "TAB";
        var separator = delimiter == "TAB" ? "\t" : delimiter;
        var column = options.TryGetValue("col", out var c) ? (int)Py.ToLong(c is string cs ? long.Parse(cs, System.Globalization.CultureInfo.InvariantCulture) : c, "col") : 1;
        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Split(separator);
            if (fields.Length > column && fields[0] == key)
            {
                return fields[column];
            }
        }

        return options.TryGetValue("default", out var fallback) ? fallback : null;
    }
}
