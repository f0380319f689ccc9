namespace Converge.Modules.Sysctl;

/// <summary>
/// The pure edit of a sysctl file as Ansible's sysctl module does it: the first <c>key=value</c> line for the
/// key is replaced by <c>name=value</c>, later duplicates dropped, a missing key appended; comments kept.
/// </summary>
public static class SysctlFile
{
    /// <summary>Ansible's value normalisation: booleans to 1/0, runs of whitespace to one space.</summary>
    public static string Normalize(string value)
    {
        var words = string.Join(' ', value.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        return words.ToLowerInvariant() switch
        {
            "yes" or "true" or "on" => "1",
            "no" or "false" or "off" => "0",
            _ => words,
        };
    }

    /// <summary>The value the file gives the key (the last assignment wins, as sysctl -p applies them in order), or null.</summary>
    public static string? ValueOf(string? text, string name)
    {
        string? value = null;
        foreach (var line in Lines(text))
        {
            if (Assignment(line) is { } pair && pair.Key == name)
            {
                value = Normalize(pair.Value);
            }
        }

        return value;
    }

    /// <summary>The file's text with the key set to <paramref name="value"/>, or removed when it is null.</summary>
    public static string Edit(string? text, string name, string? value)
    {
        var output = new List<string>();
        var written = false;
        foreach (var line in Lines(text))
        {
            if (Assignment(line) is { } pair && pair.Key == name)
            {
                if (value is not null && !written)
                {
                    output.Add($"{name}={value}");
                    written = true;
                }

                continue;
            }

            output.Add(line);
        }

        if (value is not null && !written)
        {
            output.Add($"{name}={value}");
        }

        return output.Count == 0 ? string.Empty : string.Join('\n', output) + "\n";
    }

    private static IEnumerable<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.TrimEnd('\n').Split('\n');

    private static (string Key, string Value)? Assignment(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] is '#' or ';' || trimmed.IndexOf('=', StringComparison.Ordinal) is not (var at and > 0))
        {
            return null;
        }

        return (trimmed[..at].Trim(), trimmed[(at + 1)..].Trim());
    }
}
