using Converge.Core.Diagnostics;
using System.Text.RegularExpressions;

namespace Converge.Core.Inventory;

/// <summary>
/// Ansible host patterns (inventory/manager.py): names of hosts or groups, <c>all</c> or <c>*</c>, globs
/// (<c>web*</c>), regular expressions (<c>~web\d+</c>), subscripts (<c>web[0]</c>, <c>web[1:3]</c>), combined
/// with <c>:</c> or <c>,</c> as union, <c>:&amp;x</c> intersection and <c>:!x</c> exclusion. Unions apply first,
/// then intersections, then exclusions, whatever their order in the pattern. Unlike Ansible, which warns and
/// ignores them, a term matching no host and no group is an error.
/// </summary>
public static partial class HostPattern
{
    /// <summary>The hosts selected by <paramref name="pattern"/> in the order Ansible selects them; on error, empty and a message.</summary>
    public static IReadOnlyList<string> Resolve(string pattern, Inventory inventory, out string? error)
    {
        error = SyntaxError(pattern);
        if (error is not null)
        {
            return [];
        }

        var terms = Terms(pattern);
        var ordered = terms.Where(t => t[0] is not ('!' or '&'))
            .DefaultIfEmpty("all")
            .Concat(terms.Where(t => t[0] == '&'))
            .Concat(terms.Where(t => t[0] == '!'))
            .ToList();
        var hosts = new List<string>();
        var problems = new List<string>();
        foreach (var term in ordered)
        {
            var expression = term[0] is '!' or '&' ? term[1..] : term;
            var matched = inventory.ContainsHost(term) ? [term] : Match(expression, inventory, problems);
            if (term[0] == '!')
            {
                var excluded = matched.ToHashSet(StringComparer.Ordinal);
                hosts.RemoveAll(excluded.Contains);
            }
            else if (term[0] == '&')
            {
                var kept = matched.ToHashSet(StringComparer.Ordinal);
                hosts.RemoveAll(h => !kept.Contains(h));
            }
            else
            {
                var existing = hosts.ToHashSet(StringComparer.Ordinal);
                hosts.AddRange(matched.Where(existing.Add));
            }
        }

        if (problems.Count > 0)
        {
            error = $"host pattern '{pattern}': {string.Join("; ", problems)}";
            return [];
        }

        return hosts;
    }

    /// <summary>What is wrong with the pattern's syntax, without an inventory; null when it is well formed.</summary>
    public static string? SyntaxError(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "the host pattern is empty; use 'all' for every host";
        }

        // Without commas, terms are split around brackets, which would hide an unclosed one.
        if (!pattern.Contains(',', StringComparison.Ordinal) && !BracketsBalanced(pattern))
        {
            return $"host pattern '{pattern}': unbalanced brackets in '{pattern}'";
        }

        foreach (var term in Terms(pattern))
        {
            var expression = term[0] is '!' or '&' ? term[1..].Trim() : term;
            if (expression.Length == 0)
            {
                return $"host pattern '{pattern}': '{term}' must be followed by a host or group name";
            }

            if (expression[0] == '~')
            {
                try
                {
                    _ = new Regex(expression[1..], RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    return $"host pattern '{pattern}': '{expression}' is not a valid regular expression: {e.Message}";
                }
            }
            else if (!BracketsBalanced(expression))
            {
                return $"host pattern '{pattern}': unbalanced brackets in '{expression}'";
            }
        }

        return null;
    }

    private static bool BracketsBalanced(string text)
    {
        var open = false;
        foreach (var c in text)
        {
            if (c == '[' && !open)
            {
                open = true;
            }
            else if (c == ']' && open)
            {
                open = false;
            }
            else if (c == ']')
            {
                return false;
            }
        }

        return !open;
    }

    /// <summary>Ansible's split_host_pattern: commas if any; else one address as is; else colon-separated terms.</summary>
    internal static List<string> Terms(string pattern)
    {
        IEnumerable<string> terms = pattern.Contains(',', StringComparison.Ordinal)
            ? pattern.Split(',')
            : HostRange.IsAddress(pattern.Trim())
                ? [pattern]
                : ColonTerm().Matches(pattern).Select(m => m.Value);
        return [.. terms.Select(t => t.Trim()).Where(t => t.Length > 0)];
    }

    private static List<string> Match(string expression, Inventory inventory, List<string> problems)
    {
        var (name, subscript) = SplitSubscript(expression);
        var regex = name[0] == '~' ? new Regex("^(?:" + name[1..] + ")", RegexOptions.None, TimeSpan.FromSeconds(1)) : Glob(name);
        var groups = inventory.GroupNames.Where(g => regex.IsMatch(g)).ToList();
        var result = groups.SelectMany(inventory.HostsOf).ToList();
        if (groups.Count == 0 || name[0] == '~' || name.IndexOfAny(['.', '?', '*', '[']) >= 0)
        {
            result.AddRange(inventory.HostNames.Where(h => regex.IsMatch(h)));
        }

        if (result.Count == 0 && groups.Count == 0 && name != "all")
        {
            var near = NameSuggestion.DidYouMean(name, inventory.GroupNames.Concat(inventory.HostNames));
            var groupList = inventory.GroupNames.Order(StringComparer.Ordinal).ToList();
            var shown = string.Join(", ", groupList.Take(20)) + (groupList.Count > 20 ? ", ..." : string.Empty);
            problems.Add($"'{name}' matches no host or group{near} (groups: {shown})");
            return [];
        }

        if (subscript is { } s)
        {
            return ApplySubscript(result, s, expression, problems);
        }

        return result;
    }

    private static List<string> ApplySubscript(List<string> hosts, (int Start, int? End) subscript, string expression, List<string> problems)
    {
        var (start, end) = subscript;
        if (start < 0)
        {
            start += hosts.Count;
        }

        var last = end is null or 0 ? start : end == -1 ? hosts.Count - 1 : end.Value;
        if (start < 0 || start >= hosts.Count)
        {
            problems.Add($"'{expression}': index {subscript.Start} is out of range; the selection has {hosts.Count} hosts");
            return [];
        }

        last = Math.Min(last, hosts.Count - 1);
        return last < start ? [] : hosts.GetRange(start, last - start + 1);
    }

    /// <summary>Splits <c>web[0]</c>, <c>web[-1]</c> or <c>web[1:3]</c> (inclusive) into name and subscript; regexes have none.</summary>
    private static (string Name, (int Start, int? End)? Subscript) SplitSubscript(string expression)
    {
        if (expression[0] == '~')
        {
            return (expression, null);
        }

        var m = Subscript().Match(expression);
        if (!m.Success)
        {
            return (expression, null);
        }

        if (m.Groups[2].Success)
        {
            return (m.Groups[1].Value, (int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), null));
        }

        var start = int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        var end = m.Groups[5].Success ? int.Parse(m.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        return (m.Groups[1].Value, (start, end));
    }

    /// <summary>Python's fnmatch.translate: <c>*</c>, <c>?</c>, <c>[seq]</c> and <c>[!seq]</c>, matching the whole name.</summary>
    private static Regex Glob(string glob)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 2 <= glob.Length ? i + 2 : glob.Length);
                    if (close < 0)
                    {
                        regex.Append("\\[");
                        break;
                    }

                    var set = glob[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal);
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set.StartsWith('^') ? "\\" + set : set).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline);
    }

    [GeneratedRegex(@"(?:[^\s:\[\]]|\[[^\]]*\])+")]
    private static partial Regex ColonTerm();

    [GeneratedRegex(@"^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]+)?)\]$")]
    private static partial Regex Subscript();
}
