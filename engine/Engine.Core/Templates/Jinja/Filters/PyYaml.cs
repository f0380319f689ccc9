using System.Text;
using System.Text.RegularExpressions;
using Converge.Core.Yaml;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>
/// PyYAML's <c>yaml.dump</c> layout as Ansible's <c>to_yaml</c>/<c>to_nice_yaml</c> print it: keys sorted, block
/// style (with collections of scalars in flow style for <c>to_yaml</c>), sequences not indented under their key.
/// </summary>
public static partial class PyYaml
{
    public static string Dump(object? value, int indent, bool flowLeaves)
    {
        var text = new StringBuilder();
        if (IsCollection(value) && !(flowLeaves && IsLeaf(value)) && Py.Count(value) > 0)
        {
            Block(value, text, 0, indent, flowLeaves);
        }
        else
        {
            text.Append(Flow(value)).Append('\n');
        }

        return text.ToString();
    }

    private static bool IsCollection(object? value) => Py.IsMap(value) || Py.IsSequence(value);

    private static bool IsLeaf(object? value) =>
        (Py.IsMap(value) ? Py.Entries(value).Select(e => e.Value) : Py.Iterate(value)).All(v => !IsCollection(v));

    private static void Block(object? value, StringBuilder text, int column, int indent, bool flowLeaves)
    {
        if (Py.IsMap(value))
        {
            foreach (var (key, item) in Py.Entries(value).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                text.Append(' ', column).Append(Scalar(key)).Append(':');
                Child(item, text, column, indent, flowLeaves, inMapping: true);
            }
        }
        else
        {
            foreach (var item in Py.Iterate(value))
            {
                text.Append(' ', column).Append('-');
                if (IsCollection(item) && Py.Count(item) > 0 && !(flowLeaves && IsLeaf(item)))
                {
                    text.Append(' ');
                    var nested = new StringBuilder();
                    Block(item, nested, column + indent, indent, flowLeaves);
                    text.Append(nested.ToString().TrimStart(' '));
                }
                else
                {
                    text.Append(' ').Append(Flow(item)).Append('\n');
                }
            }
        }
    }

    private static void Child(object? item, StringBuilder text, int column, int indent, bool flowLeaves, bool inMapping)
    {
        if (IsCollection(item) && Py.Count(item) > 0 && !(flowLeaves && IsLeaf(item)))
        {
            text.Append('\n');
            Block(item, text, Py.IsMap(item) || !inMapping ? column + indent : column, indent, flowLeaves);
        }
        else
        {
            text.Append(' ').Append(Flow(item)).Append('\n');
        }
    }

    private static string Flow(object? value)
    {
        if (Py.IsMap(value))
        {
            return "{" + string.Join(", ", Py.Entries(value).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{Scalar(e.Key)}: {Flow(e.Value)}")) + "}";
        }

        return Py.IsSequence(value) ? "[" + string.Join(", ", Py.Iterate(value).Select(Flow)) + "]" : Scalar(value);
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long or int => Py.Str(value),
        double d => Py.FloatRepr(d),
        string s => StringScalar(s),
        _ => StringScalar(Py.Str(value)),
    };

    private static string StringScalar(string s)
    {
        if (s.Length == 0)
        {
            return "''";
        }

        if (s.Contains('\n', StringComparison.Ordinal) || s.Any(c => c < ' ' && c != '\t'))
        {
            return "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
        }

        var needsQuotes = YamlValues.Resolve(s) is not string || Special().IsMatch(s) || s != s.Trim()
            || s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':');
        return needsQuotes ? "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'" : s;
    }

    [GeneratedRegex(@"^[-?:,\[\]{}#&*!|>'""%@`]|^[-?:]$")]
    private static partial Regex Special();
}
