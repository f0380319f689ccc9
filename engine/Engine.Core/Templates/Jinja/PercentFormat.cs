using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Core.Templates.Jinja;

/// <summary>Python's printf-style <c>'%s-%02d' % (a, b)</c>, also behind the <c>format</c> filter.</summary>
public static partial class PercentFormat
{
    public static string Apply(string format, object? args)
    {
        var values = args is PyTuple tuple ? [.. tuple] : new List<object?> { args };
        var next = 0;
        var text = new StringBuilder();
        var last = 0;
        foreach (Match m in Spec().Matches(format))
        {
            text.Append(format, last, m.Index - last);
            last = m.Index + m.Length;
            var conversion = m.Groups["conv"].Value;
            if (conversion == "%")
            {
                text.Append('%');
                continue;
            }

            object? value;
            if (m.Groups["key"].Success)
            {
                value = Py.TryGetKey(args, m.Groups["key"].Value, out var v) ? v : throw new PyException($"KeyError: '{m.Groups["key"].Value}'");
            }
            else
            {
                value = next < values.Count ? values[next++] : throw new PyException("not enough arguments for format string");
            }

            text.Append(One(m.Groups["flags"].Value, m.Groups["width"].Value, m.Groups["precision"].Value, conversion, value));
        }

        if (!IsMapping(args) && next < values.Count && values.Count > 0 && args is PyTuple)
        {
            throw new PyException("not all arguments converted during string formatting");
        }

        text.Append(format, last, format.Length - last);
        return text.ToString();
    }

    private static bool IsMapping(object? args) => Py.IsMap(args);

    private static string One(string flags, string width, string precision, string conversion, object? value)
    {
        var body = conversion switch
        {
            "s" => Py.Str(value),
            "r" => Py.Repr(value),
            "d" or "i" => Py.ToLong(value is double d ? Math.Truncate(d) : value, "%d format").ToString(CultureInfo.InvariantCulture),
            "f" or "F" => Py.ToDouble(value).ToString("F" + (precision.Length > 0 ? precision : "6"), CultureInfo.InvariantCulture),
            "e" => Py.ToDouble(value).ToString((precision.Length > 0 ? "0." + new string('0', int.Parse(precision, CultureInfo.InvariantCulture)) : "0.000000") + "e+00", CultureInfo.InvariantCulture),
            "x" => Py.ToLong(value, "%x format").ToString("x", CultureInfo.InvariantCulture),
            "X" => Py.ToLong(value, "%X format").ToString("X", CultureInfo.InvariantCulture),
            "o" => Convert.ToString(Py.ToLong(value, "%o format"), 8),
            _ => throw new PyException($"unsupported format character '{conversion}'"),
        };
        if (conversion == "s" && precision.Length > 0)
        {
            body = body[..Math.Min(body.Length, int.Parse(precision, CultureInfo.InvariantCulture))];
        }

        if (width.Length == 0)
        {
            return body;
        }

        var w = int.Parse(width, CultureInfo.InvariantCulture);
        if (flags.Contains('-', StringComparison.Ordinal))
        {
            return body.PadRight(w);
        }

        return flags.Contains('0', StringComparison.Ordinal) && conversion != "s"
            ? (body.StartsWith('-') ? "-" + body[1..].PadLeft(w - 1, '0') : body.PadLeft(w, '0'))
            : body.PadLeft(w);
    }

    [GeneratedRegex(@"%(?:\((?<key>[^)]*)\))?(?<flags>[-+ 0#]*)(?<width>\d*)(?:\.(?<precision>\d+))?(?<conv>[sdirfFeExXo%])")]
    private static partial Regex Spec();
}
