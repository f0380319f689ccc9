using System.Globalization;
using System.Text;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>Python's <c>json.dumps</c> output (", " and ": " separators, ASCII escapes, optional indent and sorted keys).</summary>
public static class PyJson
{
    public static string Dumps(object? value, int? indent = null, bool sortKeys = false, bool ensureAscii = true)
    {
        var text = new StringBuilder();
        Write(value, text, indent, sortKeys, ensureAscii, 0);
        return text.ToString();
    }

    private static void Write(object? value, StringBuilder text, int? indent, bool sortKeys, bool ascii, int depth)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case long or int:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                text.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : Py.FloatRepr(d));
                break;
            case string s:
                String(s, text, ascii);
                break;
            case Undefined u:
                throw u.Error();
            case var map when Py.IsMap(map):
                var entries = Py.Entries(map).ToList();
                if (sortKeys)
                {
                    entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                }

                Container('{', '}', entries, text, indent, depth, (e, t) =>
                {
                    String(e.Key, t, ascii);
                    t.Append(": ");
                    Write(e.Value, t, indent, sortKeys, ascii, depth + 1);
                });
                break;
            case System.Collections.IEnumerable sequence:
                Container('[', ']', sequence.Cast<object?>().ToList(), text, indent, depth, (item, t) => Write(item, t, indent, sortKeys, ascii, depth + 1));
                break;
            default:
                String(Py.Str(value), text, ascii);
                break;
        }
    }

    private static void Container<T>(char open, char close, List<T> items, StringBuilder text, int? indent, int depth, Action<T, StringBuilder> write)
    {
        text.Append(open);
        if (items.Count == 0)
        {
            text.Append(close);
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (indent is { } n)
            {
                text.Append(i > 0 ? ",\n" : "\n").Append(' ', n * (depth + 1));
            }
            else if (i > 0)
            {
                text.Append(", ");
            }

            write(items[i], text);
        }

        if (indent is { } m)
        {
            text.Append('\n').Append(' ', m * depth);
        }

        text.Append(close);
    }

    private static void String(string s, StringBuilder text, bool ascii)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ':
                case > '~' when ascii:
                    text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }
}
