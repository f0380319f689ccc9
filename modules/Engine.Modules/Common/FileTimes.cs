using System.Globalization;
using System.Text;

namespace Converge.Modules.Common;

/// <summary>
/// Ansible's <c>modification_time</c>/<c>access_time</c>: <c>preserve</c> (not managed), <c>now</c>, or a time written
/// in a Python strftime format. Times are compared and set as touch(1)'s <c>-t</c> stamp (<c>YYYYMMDDhhmm.ss</c>) in the
/// host's local time zone, as Ansible reads them with <c>time.mktime</c> on the host.
/// </summary>
public static class FileTimes
{
    public const string DefaultFormat = "%Y%m%d%H%M.%S";

    public const string Now = "now";

    public const string Preserve = "preserve";

    /// <summary>The directives a format may use: enough for every date Ansible's documentation writes.</summary>
    public const string FormatMessage = "the time format may use %Y %y %m %d %H %M %S and %% (Python's strftime), e.g. %Y%m%d%H%M.%S";

    /// <summary>Whether <paramref name="value"/> is preserve, now, or a time <paramref name="format"/> reads.</summary>
    public static bool IsValid(string value, string format) => value is Preserve or Now || ToStamp(value, format) is not null;

    public static bool IsValidFormat(string format) => ToRegex(format) is not null;

    /// <summary>The touch(1) <c>-t</c> stamp of a time given in a strftime format; null when it does not parse.</summary>
    public static string? ToStamp(string value, string format)
    {
        if (ToRegex(format) is not { } pattern || System.Text.RegularExpressions.Regex.Match(value, pattern) is not { Success: true } match)
        {
            return null;
        }

        int Part(string name, int fallback) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : fallback;
        var year = match.Groups["Y"].Success ? Part("Y", 1900) : match.Groups["y"].Success ? (Part("y", 0) < 69 ? 2000 : 1900) + Part("y", 0) : 1900;
        var (month, day, hour, minute, second) = (Part("m", 1), Part("d", 1), Part("H", 0), Part("M", 0), Part("S", 0));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 61)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{year:D4}{month:D2}{day:D2}{hour:D2}{minute:D2}.{Math.Min(second, 59):D2}");
    }

    private static string? ToRegex(string format)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                pattern.Append(System.Text.RegularExpressions.Regex.Escape(format[i].ToString()));
                continue;
            }

            if (++i >= format.Length)
            {
                return null;
            }

            var group = format[i] switch
            {
                'Y' => "(?<Y>[0-9]{4})",
                'y' => "(?<y>[0-9]{2})",
                'm' => "(?<m>[0-9]{1,2})",
                'd' => "(?<d>[0-9]{1,2})",
                'H' => "(?<H>[0-9]{1,2})",
                'M' => "(?<M>[0-9]{1,2})",
                'S' => "(?<S>[0-9]{1,2})",
                '%' => "%",
                _ => null,
            };
            if (group is null || (group.StartsWith("(?<", StringComparison.Ordinal) && pattern.ToString().Contains(group[..5], StringComparison.Ordinal)))
            {
                return null;
            }

            pattern.Append(group);
        }

        return pattern.Append('$').ToString();
    }
}
