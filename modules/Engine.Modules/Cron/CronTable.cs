using Converge.Core.Diagnostics;

namespace Converge.Modules.Cron;

/// <summary>
/// The pure edit of a crontab, ported line for line from Ansible's cron module (CronTab: find_job,
/// _update_job, add_env, render) so a table Ansible managed stays in sync and both write the same bytes.
/// </summary>
public sealed class CronTable
{
    public const string Marker = "#Ansible: ";

    private List<string> _lines;

    private CronTable(string existing, List<string> lines)
    {
        Existing = existing;
        _lines = lines;
    }

    /// <summary>The text as read (for a user crontab, without the header crontab -l may print).</summary>
    public string Existing { get; }

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>A cron.d file's text, or null when it does not exist.</summary>
    public static CronTable FromFile(string? text) => new(text ?? string.Empty, [.. SplitLines(text ?? string.Empty)]);

    /// <summary>
    /// <c>crontab -l</c>'s output: the "DO NOT EDIT" header lines some crontabs print among the first three
    /// lines are dropped, as Ansible drops them.
    /// </summary>
    public static CronTable FromCrontab(string output)
    {
        var existing = output;
        var lines = new List<string>();
        var count = 0;
        foreach (var line in SplitLines(output))
        {
            if (count > 2 || !IsHeader(line))
            {
                lines.Add(line);
            }
            else
            {
                var at = existing.IndexOf(line, StringComparison.Ordinal);
                var end = at + line.Length < existing.Length && existing[at + line.Length] is '\n' or '\r' ? at + line.Length + 1 : at + line.Length;
                existing = existing.Remove(at, end - at);
            }

            count++;
        }

        return new CronTable(existing, lines);
    }

    public bool IsEmpty => _lines.All(l => l.Trim().Length == 0);

    /// <summary>The job line as Ansible renders it (<c>get_cron_job</c>).</summary>
    public static string JobLine(CronParams parameters, bool inFile)
    {
        var job = parameters.Job!.Trim('\r', '\n');
        var prefix = parameters.Disabled ? "#" : string.Empty;
        var user = inFile ? " " + parameters.User : string.Empty;
        return parameters.SpecialTime is { } special
            ? $"{prefix}@{special}{user} {job}"
            : $"{prefix}{parameters.Minute} {parameters.Hour} {parameters.Day} {parameters.Month} {parameters.Weekday}{user} {job}";
    }

    /// <summary>Applies the task; true when the table changed (including a missing final newline, as Ansible counts it).</summary>
    public bool Apply(CronParams parameters, bool inFile)
    {
        var changed = parameters.Env ? ApplyEnv(parameters) : ApplyJob(parameters, inFile);
        return changed || (Existing.Length > 0 && !Existing.EndsWith('\n') && !Existing.EndsWith('\r'));
    }

    public string Render()
    {
        var text = string.Join('\n', _lines);
        return text.Length == 0 ? text : text.TrimEnd('\r', '\n') + "\n";
    }

    /// <summary>Ansible's <c>jobs</c> return value: the names of the marked jobs.</summary>
    public IReadOnlyList<string> JobNames() => [.. _lines.Where(l => l.StartsWith(Marker, StringComparison.Ordinal)).Select(l => l[Marker.Length..])];

    /// <summary>Ansible's <c>envs</c> return value: the names of the variable lines.</summary>
    public IReadOnlyList<string> EnvNames() =>
        [.. _lines.Where(l => l.IndexOf('=', StringComparison.Ordinal) > 0 && !l[..l.IndexOf('=', StringComparison.Ordinal)].Any(char.IsWhiteSpace)).Select(l => l.Split('=')[0])];

    private bool ApplyJob(CronParams parameters, bool inFile)
    {
        if (parameters.State == "absent")
        {
            if (FindJob(parameters.Name, null).Count == 0)
            {
                return false;
            }

            UpdateJob(parameters.Name, null);
            return true;
        }

        var job = JobLine(parameters, inFile);
        var old = FindJob(parameters.Name, job);
        if (old.Count == 0)
        {
            _lines.Add(Marker + parameters.Name);
            _lines.Add(job);
            return true;
        }

        if (old[1] != job || old.Count > 2)
        {
            UpdateJob(parameters.Name, job);
            return true;
        }

        return false;
    }

    private bool ApplyEnv(CronParams parameters)
    {
        var declaration = $"{parameters.Name}=\"{parameters.Job}\"";
        var old = FindEnv(parameters.Name);
        if (parameters.State == "absent")
        {
            if (old is null)
            {
                return false;
            }

            _lines = [.. _lines.Where(l => !l.StartsWith(parameters.Name + "=", StringComparison.Ordinal))];
            return true;
        }

        if (old is null)
        {
            AddEnv(declaration, parameters.Insertafter, parameters.Insertbefore);
            return true;
        }

        if (_lines[old.Value] != declaration)
        {
            _lines = [.. _lines.Select(l => l.StartsWith(parameters.Name + "=", StringComparison.Ordinal) ? declaration : l)];
            return true;
        }

        return false;
    }

    /// <summary>Ansible's find_job: by marker first, else by the exact job line (then a marker is inserted above it).</summary>
    private List<string> FindJob(string name, string? job)
    {
        string? comment = null;
        foreach (var line in _lines)
        {
            if (comment is not null)
            {
                if (comment == name)
                {
                    return [comment, line];
                }

                comment = null;
            }
            else if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                comment = line[Marker.Length..];
            }
        }

        if (job is not null)
        {
            for (var i = 0; i < _lines.Count; i++)
            {
                if (_lines[i] != job)
                {
                    continue;
                }

                // Python's lines[i - 1] wraps to the last line when i is 0; keep that behaviour.
                var previous = _lines[i == 0 ? _lines.Count - 1 : i - 1];
                if (!previous.StartsWith(Marker, StringComparison.Ordinal))
                {
                    _lines.Insert(i, Marker + name);
                    return [_lines[i], job, "inserted"];
                }

                if (previous == Marker + "None")
                {
                    _lines[i == 0 ? _lines.Count - 1 : i - 1] = Marker + name;
                    return [Marker + name, job, "renamed"];
                }
            }
        }

        return [];
    }

    /// <summary>Ansible's _update_job: the line after the marker is replaced by <paramref name="job"/>, or both removed when it is null.</summary>
    private void UpdateJob(string name, string? job)
    {
        var marker = Marker + name;
        var lines = new List<string>();
        string? comment = null;
        foreach (var line in _lines)
        {
            if (comment is not null)
            {
                if (job is not null)
                {
                    lines.Add(comment);
                    lines.Add(job);
                }

                comment = null;
            }
            else if (line == marker)
            {
                comment = line;
            }
            else
            {
                lines.Add(line);
            }
        }

        _lines = lines;
    }

    private int? FindEnv(string name)
    {
        var index = _lines.FindIndex(l => l.StartsWith(name + "=", StringComparison.Ordinal));
        return index < 0 ? null : index;
    }

    private void AddEnv(string declaration, string? after, string? before)
    {
        if (after is null && before is null)
        {
            _lines.Insert(0, declaration);
            return;
        }

        var other = after ?? before!;
        var index = FindEnv(other) ?? throw new TaskFailedException($"cron: Variable named '{other}' not found.");
        _lines.Insert(after is not null ? index + 1 : index, declaration);
    }

    private static bool IsHeader(string line) =>
        line.StartsWith("# DO NOT EDIT THIS FILE - edit the master and reinstall.", StringComparison.Ordinal)
        || System.Text.RegularExpressions.Regex.IsMatch(line, @"^# \(/tmp/.*installed on.*\)")
        || System.Text.RegularExpressions.Regex.IsMatch(line, @"^# \(.*version.*\)");

    /// <summary>Python's str.splitlines for the line breaks a crontab can hold.</summary>
    private static IEnumerable<string> SplitLines(string text)
    {
        var normal = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        normal = normal.EndsWith('\n') ? normal[..^1] : normal;
        return text.Length == 0 ? [] : normal.Split('\n');
    }
}
