using System.Globalization;
using System.Text;

namespace Converge.Core.Templates.Jinja;

/// <summary>Python's <c>str()</c> and <c>repr()</c>, which is how Jinja prints values.</summary>
public static partial class Py
{
    public static string Str(object? value) => value switch
    {
        string s => s,
        null => "None",
        bool b => b ? "True" : "False",
        long n => n.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        double d => FloatRepr(d),
        Undefined u => throw u.Error(),
        _ => Repr(value),
    };

    public static string Repr(object? value)
    {
        var text = new StringBuilder();
        Repr(value, text, 0);
        return text.ToString();
    }

    private static void Repr(object? value, StringBuilder text, int depth)
    {
        if (depth > 100)
        {
            throw new PyException("value nested too deeply to print");
        }

        switch (value)
        {
            case string s:
                StringRepr(s, text);
                break;
            case Undefined u:
                throw u.Error();
            case PyTuple tuple:
                text.Append('(');
                Items(tuple, text, depth);
                text.Append(tuple.Count == 1 ? ",)" : ")");
                break;
            case IJinjaCallable:
                text.Append("<function>");
                break;
            case var map when IsMap(map):
                text.Append('{');
                var first = true;
                foreach (var (key, item) in Entries(map))
                {
                    text.Append(first ? string.Empty : ", ");
                    first = false;
                    StringRepr(key, text);
                    text.Append(": ");
                    Repr(item, text, depth + 1);
                }

                text.Append('}');
                break;
            case System.Collections.IEnumerable sequence when value is not string:
                text.Append('[');
                Items(sequence.Cast<object?>(), text, depth);
                text.Append(']');
                break;
            default:
                text.Append(Str(value));
                break;
        }
    }

    private static void Items(IEnumerable<object?> items, StringBuilder text, int depth)
    {
        var first = true;
        foreach (var item in items)
        {
            text.Append(first ? string.Empty : ", ");
            first = false;
            Repr(item, text, depth + 1);
        }
    }

    private static void StringRepr(string s, StringBuilder text)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        text.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case var q when q == quote: text.Append('\\').Append(q); break;
                case < ' ' or '\x7f': text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"); break;
                default: text.Append(c); break;
            }
        }

        text.Append(quote);
    }

    /// <summary>Python's float repr: the shortest round-trip digits, "1.0" for integral values, exponents past 1e16.</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        if (r.Contains('E', StringComparison.Ordinal))
        {
            var parts = r.Split('E');
            var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            if (exponent is >= -4 and < 16)
            {
                r = d.ToString("0.#################", CultureInfo.InvariantCulture);
            }
            else
            {
                return $"{parts[0]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
            }
        }

        if (Math.Abs(d) >= 1e16)
        {
            var e = d.ToString("0.################e+00", CultureInfo.InvariantCulture);
            return e;
        }

        return r.Contains('.', StringComparison.Ordinal) ? r : r + ".0";
    }
}
