using System.Globalization;
using System.Text;

namespace Converge.Core.Variables;

/// <summary>
/// Ansible's <c>parse_kv</c> (parsing/splitter.py) for <c>-e key=value</c>: words split on blanks outside quotes
/// and <c>{{ }}</c>/<c>{% %}</c>, escapes decoded, split at the first unescaped <c>=</c>, surrounding quotes
/// removed. Values stay strings, as in Ansible ("key=value ... are interpreted as strings").
/// </summary>
internal static class KeyValueArguments
{
    public static bool TryParse(string text, out Dictionary<string, object?> values, out string? error)
    {
        values = new Dictionary<string, object?>(StringComparer.Ordinal);
        error = null;
        var words = Split(text, out error);
        if (error is not null)
        {
            return false;
        }

        foreach (var word in words)
        {
            var decoded = DecodeEscapes(word);
            var equals = FirstUnescapedEquals(decoded);
            if (equals <= 0)
            {
                error = $"expected key=value, got '{word}'";
                return false;
            }

            values[decoded[..equals].Trim()] = Unquote(decoded[(equals + 1)..].Trim());
        }

        return true;
    }

    private static int FirstUnescapedEquals(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '=' && text[i - 1] != '\\')
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> Split(string text, out string? error)
    {
        error = null;
        var words = new List<string>();
        var word = new StringBuilder();
        char? quote = null;
        var jinja = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (quote is null && jinja == 0 && char.IsWhiteSpace(c))
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }

                continue;
            }

            word.Append(c);
            if (c == '\\' && next != '\0')
            {
                word.Append(next);
                i++;
            }
            else if (quote is null && c is '"' or '\'')
            {
                quote = c;
            }
            else if (quote == c)
            {
                quote = null;
            }
            else if (c == '{' && next is '{' or '%')
            {
                jinja++;
                word.Append(next);
                i++;
            }
            else if (c is '}' or '%' && next == '}' && jinja > 0)
            {
                jinja--;
                word.Append(next);
                i++;
            }
        }

        if (quote is not null)
        {
            error = "no closing quotation; quote the whole value";
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0] && (text.Length < 3 || text[^2] != '\\') ? text[1..^1] : text;

    private static string DecodeEscapes(string text)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            var e = text[i + 1];
            var simple = e switch
            {
                '\\' => "\\",
                '\'' => "'",
                '"' => "\"",
                'a' => "\a",
                'b' => "\b",
                'f' => "\f",
                'n' => "\n",
                'r' => "\r",
                't' => "\t",
                'v' => "\v",
                _ => null,
            };
            if (simple is not null)
            {
                result.Append(simple);
                i++;
                continue;
            }

            var length = e switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            if (length > 0 && i + 2 + length <= text.Length
                && int.TryParse(text.AsSpan(i + 2, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                result.Append(char.ConvertFromUtf32(code));
                i += 1 + length;
                continue;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }
}
