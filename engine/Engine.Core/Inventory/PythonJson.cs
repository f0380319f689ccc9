using System.Collections;
using System.Globalization;
using System.Text;

namespace Converge.Core.Inventory;

/// <summary>
/// Writes plain values as JSON exactly as Python's <c>json.dumps(value, sort_keys=True, indent=4,
/// ensure_ascii=False)</c> does, which is how <c>ansible-inventory</c> prints, so the two outputs can be
/// compared even as text. Floats use Python's shortest <c>repr</c> (<c>1.0</c>, <c>1e+16</c>).
/// </summary>
internal static class PythonJson
{
    public static string Serialize(object? value)
    {
        var text = new StringBuilder();
        Write(text, value, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value, int indent)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case string s:
                WriteString(text, s);
                break;
            case long or int or short or byte or ulong or uint:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                text.Append(FormatFloat(d));
                break;
            case float f:
                text.Append(FormatFloat(f));
                break;
            case decimal m:
                text.Append(FormatFloat((double)m));
                break;
            case IDictionary dictionary:
                WriteObject(text, dictionary, indent);
                break;
            case IEnumerable items:
                WriteArray(text, items, indent);
                break;
            default:
                WriteString(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                break;
        }
    }

    private static void WriteObject(StringBuilder text, IDictionary dictionary, int indent)
    {
        var keys = dictionary.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? string.Empty)
            .Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            text.Append("{}");
            return;
        }

        text.Append("{\n");
        for (var i = 0; i < keys.Count; i++)
        {
            text.Append(' ', (indent + 1) * 4);
            WriteString(text, keys[i]);
            text.Append(": ");
            Write(text, dictionary[keys[i]], indent + 1);
            text.Append(i < keys.Count - 1 ? ",\n" : "\n");
        }

        text.Append(' ', indent * 4).Append('}');
    }

    private static void WriteArray(StringBuilder text, IEnumerable items, int indent)
    {
        var list = items.Cast<object?>().ToList();
        if (list.Count == 0)
        {
            text.Append("[]");
            return;
        }

        text.Append("[\n");
        for (var i = 0; i < list.Count; i++)
        {
            text.Append(' ', (indent + 1) * 4);
            Write(text, list[i], indent + 1);
            text.Append(i < list.Count - 1 ? ",\n" : "\n");
        }

        text.Append(' ', indent * 4).Append(']');
    }

    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, exponent form below 1e-4 and from 1e16.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "E16" is not shortest; "R" is, so take its digits and exponent and lay them out as Python does.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var digits = r.Replace(".", string.Empty, StringComparison.Ordinal);
        var pointPosition = (dot < 0 ? r.Length : dot) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        pointPosition -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var decimalExponent = pointPosition - 1;
        var sign = value < 0 ? "-" : string.Empty;
        if (decimalExponent is < -4 or >= 16)
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            var exponentText = Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
            return $"{sign}{mantissa}e{(decimalExponent < 0 ? '-' : '+')}{exponentText}";
        }

        if (pointPosition <= 0)
        {
            return $"{sign}0.{new string('0', -pointPosition)}{digits}";
        }

        if (pointPosition >= digits.Length)
        {
            return $"{sign}{digits}{new string('0', pointPosition - digits.Length)}.0";
        }

        return $"{sign}{digits[..pointPosition]}.{digits[pointPosition..]}";
    }
}
