using System.Globalization;
using System.Text.RegularExpressions;

namespace Converge.Core.Inventory;

/// <summary>
/// Expands an inventory host entry the way Ansible does (<c>ansible.inventory.helpers.expand_hostname_range</c>
/// and <c>parsing.utils.addresses.parse_address</c>): an optional <c>:port</c> suffix, and ranges such as
/// <c>web[01:20]</c>, <c>db-[a:c]</c> or <c>node[1:10:2]</c>, several of which may appear in one name.
/// </summary>
internal static partial class HostRange
{
    private const string AsciiLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Expands an entry into host names and a port; false with an error message when the entry is malformed.</summary>
    public static bool TryExpand(string entry, out List<string> names, out long? port, out string? error)
    {
        names = [];
        var pattern = SplitPort(entry, out port);
        error = null;
        if (pattern.Length == 0)
        {
            error = "empty host name";
            return false;
        }

        if (!pattern.Contains('[', StringComparison.Ordinal))
        {
            names.Add(pattern);
            return true;
        }

        return TryExpandRanges(pattern, names, out error);
    }

    /// <summary>Whether the text is one host address (name, IPv4, IPv6, with ranges and an optional port), as parse_address accepts.</summary>
    public static bool IsAddress(string text)
    {
        var address = SplitPort(text, out _);
        return Ipv4().IsMatch(address) || Ipv6().IsMatch(address) || HostName().IsMatch(address);
    }

    /// <summary>Splits <c>host:port</c> or <c>[host]:port</c> when the rest is a valid address, as Ansible does.</summary>
    private static string SplitPort(string entry, out long? port)
    {
        port = null;
        var address = entry;
        long? candidatePort = null;
        foreach (var regex in new[] { BracketedHostPort(), HostPort() })
        {
            var m = regex.Match(address);
            if (m.Success && long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                address = m.Groups[1].Value;
                candidatePort = p;
            }
        }

        if (Ipv4().IsMatch(address) || Ipv6().IsMatch(address) || HostName().IsMatch(address))
        {
            port = candidatePort;
            return address;
        }

        return entry;
    }

    private static bool TryExpandRanges(string pattern, List<string> names, out string? error)
    {
        error = null;
        var open = pattern.IndexOf('[', StringComparison.Ordinal);
        var close = pattern.IndexOf(']', StringComparison.Ordinal);
        if (close < open)
        {
            error = $"host range in '{pattern}' is not closed: expected '[begin:end]' or '[begin:end:step]'";
            return false;
        }

        var head = pattern[..open];
        var range = pattern[(open + 1)..close];
        var tail = pattern[(close + 1)..];
        var bounds = range.Split(':');
        if (bounds.Length is not (2 or 3))
        {
            error = $"host range '[{range}]' must be begin:end or begin:end:step";
            return false;
        }

        var begin = bounds[0].Length == 0 ? "0" : bounds[0];
        var end = bounds[1];
        long step = 1;
        if (end.Length == 0)
        {
            error = $"host range '[{range}]' must specify an end value";
            return false;
        }

        if (bounds.Length == 3 && (!long.TryParse(bounds[2], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
        {
            error = $"host range '[{range}]' has an invalid step '{bounds[2]}': expected a positive integer";
            return false;
        }

        var padding = begin.Length > 1 && begin[0] == '0' ? begin.Length : 0;
        if (padding > 0 && end.Length != padding)
        {
            error = $"host range '[{range}]' must specify equal-length begin and end formats";
            return false;
        }

        var items = new List<string>();
        var letterBegin = begin.Length == 1 ? AsciiLetters.IndexOf(begin[0], StringComparison.Ordinal) : -1;
        var letterEnd = end.Length == 1 ? AsciiLetters.IndexOf(end[0], StringComparison.Ordinal) : -1;
        if (letterBegin >= 0 && letterEnd >= 0)
        {
            if (letterBegin > letterEnd)
            {
                error = $"host range '[{range}]' must have begin <= end";
                return false;
            }

            for (var i = letterBegin; i <= letterEnd; i += (int)Math.Min(step, int.MaxValue))
            {
                items.Add(AsciiLetters[i].ToString());
            }
        }
        else
        {
            if (!long.TryParse(begin, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !long.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out var to))
            {
                error = $"host range '[{range}]' is invalid: begin and end must both be numbers or both single letters";
                return false;
            }

            if (from > to)
            {
                error = $"host range '[{range}]' must have begin <= end";
                return false;
            }

            if ((to - from) / step > 100_000)
            {
                error = $"host range '[{range}]' expands to more than 100000 hosts";
                return false;
            }

            for (var i = from; i <= to; i += step)
            {
                items.Add(i.ToString(CultureInfo.InvariantCulture).PadLeft(padding, '0'));
            }
        }

        foreach (var item in items)
        {
            var name = head + item + tail;
            if (name.Contains('[', StringComparison.Ordinal))
            {
                if (!TryExpandRanges(name, names, out error))
                {
                    return false;
                }
            }
            else
            {
                names.Add(name);
            }
        }

        return true;
    }

    [GeneratedRegex(@"^\[(.+)\]:([0-9]+)$")]
    private static partial Regex BracketedHostPort();

    [GeneratedRegex(@"^((?:[^:\[\]]|\[[^\]]*\])*):([0-9]+)$")]
    private static partial Regex HostPort();

    private const string NumericRange = @"\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]";
    private const string HexRange = @"\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]";
    private const string AlphaNumericRange = @"\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]";
    private const string V4 = @"(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NumericRange + ")";
    private const string V6 = @"(?:[0-9a-f]{1,4}|" + HexRange + ")";
    private const string Label = @"(?:[\w]|" + AlphaNumericRange + @")(?:[\w_-]|" + AlphaNumericRange + @")*(?<![_-])";

    [GeneratedRegex("^(?:" + V4 + @"\.){3}" + V4 + "$", RegexOptions.IgnoreCase)]
    private static partial Regex Ipv4();

    // Python's re.match anchors only the start; the '$' binds to the last alternative alone, as upstream.
    [GeneratedRegex(
        "^(?:(?:" + V6 + ":){7}" + V6
        + "|(?:" + V6 + ":){1,6}:"
        + "|(?:" + V6 + ":)(?::" + V6 + "){1,6}"
        + "|(?:" + V6 + ":){2}(?::" + V6 + "){1,5}"
        + "|(?:" + V6 + ":){3}(?::" + V6 + "){1,4}"
        + "|(?:" + V6 + ":){4}(?::" + V6 + "){1,3}"
        + "|(?:" + V6 + ":){5}(?::" + V6 + "){1,2}"
        + "|(?:" + V6 + ":){6}(?::" + V6 + ")"
        + "|:(?::" + V6 + "){1,6}"
        + "|" + V6 + "?::"
        + @"|(?:0:){6}(?:" + V6 + @"\.){3}" + V6
        + @"|::(?:ffff:)?(?:" + V6 + @"\.){3}" + V6
        + @"|(?:0:){5}ffff:(?:" + V6 + @"\.){3}" + V6 + "$)",
        RegexOptions.IgnoreCase)]
    private static partial Regex Ipv6();

    [GeneratedRegex("^" + Label + @"(?:\." + Label + ")*$", RegexOptions.IgnoreCase)]
    private static partial Regex HostName();
}
