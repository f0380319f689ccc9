using System.Text.RegularExpressions;

namespace Converge.Modules.IniFile;

/// <summary>
/// The edit of community.general's <c>ini_file</c> (do_ini), ported line for line so a file comes out byte for
/// byte as Ansible leaves it: the section is found by its header line, existing option lines (also commented
/// ones, <c>#opt = x</c>) are rewritten in place, extra ones removed when <c>exclusive</c>, missing ones
/// inserted after the section's last non-blank, non-comment line, and a missing section appended at the end.
/// </summary>
public static class IniEdit
{
    /// <summary>A section name no file contains, standing for "before the first section" (Ansible's trick).</summary>
    private const string Global = "ad01e11446efb704fcdbdb21f2c43757423d91c5";

    private static readonly Regex BlankOrComment = new(@"\A[ \t]*([#;].*)?$", RegexOptions.CultureInvariant);

    public static string Apply(string text, IniFileParams p)
    {
        var lines = Split(text.TrimStart('\uFEFF'));
        if (lines.Count == 0)
        {
            lines.Add("\n");
        }

        if (!lines[^1].EndsWith('\n'))
        {
            lines[^1] += "\n";
        }

        lines.Insert(0, $"[{Global}]");
        lines.Add("[");
        var section = string.IsNullOrEmpty(p.Section) ? Global : p.Section;
        var option = p.Option;
        var values = new List<string>();
        foreach (var v in p.Value is not null ? [p.Value] : p.Values ?? [])
        {
            if (!values.Contains(v))
            {
                values.Add(v);
            }
        }

        var format = p.NoExtraSpaces ? "{0}={1}\n" : "{0} = {1}\n";
        var (within, start, end) = (false, 0, 0);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith($"[{section}]", StringComparison.Ordinal))
            {
                within = true;
                start = i;
            }
            else if (lines[i].StartsWith('[') && within)
            {
                end = i;
                break;
            }
        }

        var before = lines[..start];
        var body = lines[start..end];
        var after = lines[end..];
        var edited = new bool[body.Count].ToList();
        var noValuePresent = false;
        if (p.State == "present" && option is not null)
        {
            for (var i = 0; i < body.Count; i++)
            {
                if (MatchOption(option, body[i], commented: true) is not { } match)
                {
                    continue;
                }

                var found = match.Groups[6].Value;
                if (values.Count > 0 && values.Contains(found))
                {
                    body[i] = found.Length == 0 && p.AllowNoValue ? option + "\n" : string.Format(format, option, found);
                    noValuePresent |= found.Length == 0 && p.AllowNoValue;
                    edited[i] = true;
                    values.Remove(found);
                }
                else if (values.Count == 0 && p.AllowNoValue)
                {
                    body[i] = option + "\n";
                    edited[i] = true;
                    noValuePresent = true;
                    break;
                }
            }
        }

        if (p.State == "present" && p.Exclusive && !p.AllowNoValue && option is not null)
        {
            for (var i = 0; i < body.Count && values.Count > 0; i++)
            {
                if (!edited[i] && MatchOption(option, body[i], commented: true) is not null)
                {
                    body[i] = string.Format(format, option, values[0]);
                    values.RemoveAt(0);
                    edited[i] = true;
                }
            }

            for (var i = body.Count - 1; i > 0; i--)
            {
                if (!edited[i] && MatchOption(option, body[i], commented: true) is not null)
                {
                    body.RemoveAt(i);
                    edited.RemoveAt(i);
                }
            }
        }

        if (p.State == "present")
        {
            for (var i = body.Count; i > 0; i--)
            {
                if (BlankOrComment.IsMatch(body[i - 1]))
                {
                    continue;
                }

                if (option is not null && values.Count > 0)
                {
                    body.InsertRange(i, values.Select(v => string.Format(format, option, v)));
                }
                else if (option is not null && p.AllowNoValue && !noValuePresent)
                {
                    body.Insert(i, option + "\n");
                }

                break;
            }
        }

        if (p.State == "absent")
        {
            if (option is null)
            {
                body.Clear();
            }
            else if (p.Exclusive)
            {
                body.RemoveAll(l => MatchOption(option, l, commented: false) is not null);
            }
            else if (values.Count > 0)
            {
                body.RemoveAll(l => MatchOption(option, l, commented: false) is { } m && values.Contains(m.Groups[6].Value));
            }
        }

        var result = before.Concat(body).Concat(after).Skip(1).SkipLast(1).ToList();
        if (!within && p.State == "present")
        {
            result.Add($"[{section}]\n");
            if (option is not null && values.Count > 0)
            {
                result.AddRange(values.Select(v => string.Format(format, option, v)));
            }
            else if (option is not null && p.AllowNoValue)
            {
                result.Add(option + "\n");
            }
        }

        return string.Concat(result);
    }

    /// <summary>Python's <c>readlines()</c>: each line keeps its newline; the last may have none.</summary>
    private static List<string> Split(string text)
    {
        var lines = new List<string>();
        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[from..(i + 1)]);
                from = i + 1;
            }
        }

        if (from < text.Length)
        {
            lines.Add(text[from..]);
        }

        return lines;
    }

    /// <summary>Ansible's match_opt (a commented <c>#opt</c> counts) and match_active_opt; group 6 is the value.</summary>
    private static Match? MatchOption(string option, string line, bool commented)
    {
        var pattern = $@"\A{(commented ? "[#;]?" : string.Empty)}( |\t)*({Regex.Escape(option)})( |\t)*(=|$)( |\t)*(.*)";
        var match = Regex.Match(line, pattern, RegexOptions.CultureInvariant);
        return match.Success ? match : null;
    }
}
