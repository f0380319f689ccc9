using System.Globalization;

namespace Converge.Core.Inventory;

internal sealed partial class PythonLiteral
{
    private List<object?> ParseSequence(char open, char close)
    {
        Expect(open);
        Nest();
        var items = new List<object?>();
        SkipSpace();
        while (Peek() != close)
        {
            items.Add(ParseValue());
            SkipSpace();
            if (Peek() == ',')
            {
                _position++;
                SkipSpace();
            }
            else if (Peek() != close)
            {
                throw Fail();
            }
        }

        _position++;
        _depth--;
        return items;
    }

    private object? ParseParenthesized()
    {
        Expect('(');
        Nest();
        SkipSpace();
        var items = new List<object?>();
        var tuple = false;
        while (Peek() != ')')
        {
            items.Add(ParseValue());
            SkipSpace();
            if (Peek() == ',')
            {
                tuple = true;
                _position++;
                SkipSpace();
            }
            else if (Peek() != ')')
            {
                throw Fail();
            }
        }

        _position++;
        _depth--;

        // A tuple (JSON prints it as a list) needs a comma or is empty; otherwise the parentheses only group.
        return tuple || items.Count == 0 ? items : items[0];
    }

    private object ParseBraces()
    {
        Expect('{');
        Nest();
        SkipSpace();
        if (Peek() == '}')
        {
            _position++;
            _depth--;
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        var first = ParseValue();
        SkipSpace();
        if (Peek() != ':')
        {
            var set = new List<object?> { first };
            while (Peek() == ',')
            {
                _position++;
                SkipSpace();
                if (Peek() == '}')
                {
                    break;
                }

                set.Add(ParseValue());
                SkipSpace();
            }

            Expect('}');
            _depth--;
            return set;
        }

        var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
        var key = first;
        while (true)
        {
            Expect(':');
            SkipSpace();
            dictionary[KeyText(key)] = ParseValue();
            SkipSpace();
            if (Peek() == ',')
            {
                _position++;
                SkipSpace();
            }

            if (Peek() == '}')
            {
                _position++;
                _depth--;
                return dictionary;
            }

            key = ParseValue();
            SkipSpace();
        }
    }

    /// <summary>The JSON key Python's json module writes for a dict key.</summary>
    private static string KeyText(object? key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        null => "null",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PythonJson.FormatFloat(d),
        _ => throw Fail(),
    };
}
