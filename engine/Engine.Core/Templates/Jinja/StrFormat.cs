using System.Globalization;
using System.Text;

namespace Converge.Core.Templates.Jinja;

/// <summary>Python's <c>str.format</c>: <c>{}</c>, <c>{0}</c>, <c>{name}</c>, <c>{:&gt;10}</c>, <c>{:.2f}</c>, <c>{:05d}</c>.</summary>
public static class StrFormat
{
    public static string Apply(string format, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var text = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '{' && i + 1 < format.Length && format[i + 1] == '{')
            {
                text.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < format.Length && format[i + 1] == '}')
            {
                text.Append('}');
                i++;
                continue;
            }

            if (c != '{')
            {
                text.Append(c);
                continue;
            }

            var close = format.IndexOf('}', i);
            if (close < 0)
            {
                throw new PyException("Single '{' encountered in format string");
            }

            var field = format[(i + 1)..close];
            i = close;
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? field : field[..colon];
            var spec = colon < 0 ? string.Empty : field[(colon + 1)..];
            var bang = name.IndexOf('!', StringComparison.Ordinal);
            var conversion = bang < 0 ? null : name[(bang + 1)..];
            name = bang < 0 ? name : name[..bang];
            var path = name.Split('.');
            object? value = path[0].Length == 0 ? Positional(args, auto++)
                : int.TryParse(path[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? Positional(args, index)
                : kwargs.TryGetValue(path[0], out var named) ? named : throw new PyException($"KeyError: '{path[0]}'");
            foreach (var member in path.Skip(1))
            {
                value = Py.TryLookup(value, member, out var v) ? v : throw new PyException($"AttributeError: '{member}'");
            }

            text.Append(Spec(conversion == "r" ? Py.Repr(value) : value, spec));
        }

        return text.ToString();
    }

    private static object? Positional(IReadOnlyList<object?> args, int index) =>
        index < args.Count ? args[index] : throw new PyException($"Replacement index {index} out of range for positional args tuple");

    /// <summary>A format spec: [[fill]align][sign][0][width][,][.precision][type].</summary>
    public static string Spec(object? value, string spec)
    {
        if (spec.Length == 0)
        {
            return Py.Str(value);
        }

        var i = 0;
        var fill = ' ';
        char? align = null;
        if (spec.Length > 1 && spec[1] is '<' or '>' or '^' or '=')
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec[0] is '<' or '>' or '^' or '=')
        {
            align = spec[0];
            i = 1;
        }

        var sign = i < spec.Length && spec[i] is '+' or '-' or ' ' ? spec[i++] : '-';
        if (i < spec.Length && spec[i] == '0')
        {
            fill = '0';
            align ??= '=';
            i++;
        }

        var widthStart = i;
        while (i < spec.Length && char.IsAsciiDigit(spec[i]))
        {
            i++;
        }

        var width = i > widthStart ? int.Parse(spec[widthStart..i], CultureInfo.InvariantCulture) : 0;
        var grouping = i < spec.Length && spec[i] == ',';
        if (grouping)
        {
            i++;
        }

        int? precision = null;
        if (i < spec.Length && spec[i] == '.')
        {
            var start = ++i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i]))
            {
                i++;
            }

            precision = int.Parse(spec[start..i], CultureInfo.InvariantCulture);
        }

        var type = i < spec.Length ? spec[i] : '\0';
        var body = type switch
        {
            'd' => Py.ToLong(value, "format").ToString(grouping ? "#,0" : "0", CultureInfo.InvariantCulture),
            'f' or 'F' => Py.ToDouble(value).ToString((grouping ? "#,0." : "0.") + new string('0', precision ?? 6), CultureInfo.InvariantCulture).TrimEnd('.'),
            '%' => (Py.ToDouble(value) * 100).ToString("0." + new string('0', precision ?? 6), CultureInfo.InvariantCulture).TrimEnd('.') + "%",
            'x' => Py.ToLong(value, "format").ToString("x", CultureInfo.InvariantCulture),
            'X' => Py.ToLong(value, "format").ToString("X", CultureInfo.InvariantCulture),
            'b' => Convert.ToString(Py.ToLong(value, "format"), 2),
            'o' => Convert.ToString(Py.ToLong(value, "format"), 8),
            's' or '\0' when value is string or null or bool || !Py.IsNumber(value) => precision is { } p ? Py.Str(value)[..Math.Min(p, Py.Str(value).Length)] : Py.Str(value),
            _ when precision is { } p2 && value is double d => d.ToString("0." + new string('#', p2), CultureInfo.InvariantCulture),
            _ => Py.Str(value),
        };
        if (sign == '+' && Py.IsNumber(value) && !body.StartsWith('-'))
        {
            body = "+" + body;
        }

        if (body.Length >= width)
        {
            return body;
        }

        var pad = width - body.Length;
        return (align ?? (Py.IsNumber(value) ? '>' : '<')) switch
        {
            '<' => body + new string(fill, pad),
            '^' => new string(fill, pad / 2) + body + new string(fill, pad - (pad / 2)),
            '=' when body.StartsWith('-') || body.StartsWith('+') => body[0] + new string(fill, pad) + body[1..],
            _ => new string(fill, pad) + body,
        };
    }
}
