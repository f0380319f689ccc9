using System.Text;

namespace Converge.Core.Inventory;

/// <summary>
/// Python's <c>ast.literal_eval</c> for the literals an INI inventory value can hold (numbers, strings,
/// <c>True</c>/<c>False</c>/<c>None</c>, lists, tuples, dicts), because Ansible's INI plugin evaluates every
/// value with it and keeps the raw text when that fails: <c>0644</c> and <c>yes</c> stay strings,
/// <c>True</c> and <c>1.5</c> do not. Complex numbers and other exotic literals are treated as failures.
/// </summary>
internal sealed partial class PythonLiteral
{
    private readonly string _text;
    private int _position;
    private const int MaxDepth = 200;

    private int _depth;

    private PythonLiteral(string text)
    {
        _text = text;
    }

    /// <summary>Evaluates <paramref name="text"/>; false when Python would raise ValueError or SyntaxError.</summary>
    public static bool TryParse(string text, out object? value)
    {
        var parser = new PythonLiteral(text.TrimStart(' ', '\t'));
        try
        {
            value = parser.ParseTop();
            return true;
        }
        catch (FormatException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>The INI inventory value rule: the literal when the text is one, else the text itself.</summary>
    public static object? ParseOrText(string text) => TryParse(text, out var value) ? value : text;

    private object? ParseTop()
    {
        SkipSpace();
        var first = ParseValue();
        SkipSpace();
        if (Peek() == ',')
        {
            var items = new List<object?> { first };
            while (Peek() == ',')
            {
                _position++;
                SkipSpace();
                if (AtEnd)
                {
                    break;
                }

                items.Add(ParseValue());
                SkipSpace();
            }

            first = items;
        }

        if (!AtEnd)
        {
            throw Fail();
        }

        return first;
    }

    private bool AtEnd => _position >= _text.Length;

    private char Peek(int ahead = 0) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private static FormatException Fail() => new("not a Python literal");

    /// <summary>
    /// Enters a bracket. Python's parser refuses more than 200 nested brackets ("too many nested
    /// parentheses"), so the value stays text, as in Ansible; the bound also keeps this recursive parser
    /// from overflowing the stack.
    /// </summary>
    private void Nest()
    {
        if (++_depth > MaxDepth)
        {
            throw Fail();
        }
    }

    /// <summary>Skips blanks and comments; newlines count as blanks only inside brackets, as in Python.</summary>
    private void SkipSpace()
    {
        while (!AtEnd)
        {
            var c = Peek();
            if (c is ' ' or '\t' or '\f' || (c is '\n' or '\r' && (_depth > 0 || OnlyBlankAfter())))
            {
                _position++;
            }
            else if (c == '\\' && Peek(1) == '\n')
            {
                _position += 2;
            }
            else if (c == '#')
            {
                while (!AtEnd && Peek() != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool OnlyBlankAfter() => _text[_position..].All(c => char.IsWhiteSpace(c));

    private object? ParseValue()
    {
        var c = Peek();
        switch (c)
        {
            case '[':
                return ParseSequence('[', ']');
            case '(':
                return ParseParenthesized();
            case '{':
                return ParseBraces();
            case '+' or '-':
                _position++;
                var number = ParseSignedOperand();
                return c == '+' ? number : Negate(number);
            case '"' or '\'':
                return ParseStrings();
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return ParseNumber();
        }

        if (IsIdentifierStart(c))
        {
            var start = _position;
            while (IsIdentifierPart(Peek()))
            {
                _position++;
            }

            var word = _text[start.._position];
            if (Peek() is '"' or '\'' && IsStringPrefix(word))
            {
                _position = start;
                return ParseStrings();
            }

            switch (word)
            {
                case "True":
                    return true;
                case "False":
                    return false;
                case "None":
                    return null;
                case "set":
                    SkipSpace();
                    Expect('(');
                    SkipSpace();
                    Expect(')');
                    return new List<object?>();
            }
        }

        throw Fail();
    }

    /// <summary>
    /// The operand of a sign: one plain number, possibly in redundant parentheses (<c>-(1)</c>), because
    /// parentheses make no node in Python's AST; a tuple, a bool or another sign is not a number.
    /// </summary>
    private object ParseSignedOperand()
    {
        SkipSpace();
        var parentheses = 0;
        while (Peek() == '(')
        {
            _position++;
            Nest();
            parentheses++;
            SkipSpace();
        }

        var number = ParseNumber();
        for (; parentheses > 0; parentheses--)
        {
            SkipSpace();
            Expect(')');
            _depth--;
        }

        return number;
    }

    private static object Negate(object number) => number switch
    {
        long l => (object)(-l),
        double d => (object)(-d),
        _ => throw Fail(),
    };

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Fail();
        }

        _position++;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsStringPrefix(string word) =>
        word.ToLowerInvariant() is "r" or "u" or "b" or "br" or "rb";

    private string ParseStrings()
    {
        var text = new StringBuilder();
        bool? bytes = null;
        do
        {
            var start = _position;
            while (IsIdentifierPart(Peek()))
            {
                _position++;
            }

            var prefix = _text[start.._position].ToLowerInvariant();
            if (prefix.Length > 0 && !IsStringPrefix(prefix))
            {
                throw Fail();
            }

            var isBytes = prefix.Contains('b', StringComparison.Ordinal);
            if (bytes is not null && bytes != isBytes)
            {
                throw Fail();
            }

            bytes = isBytes;
            text.Append(ParseOneString(raw: prefix.Contains('r', StringComparison.Ordinal)));
            SkipSpace();
        }
        while (Peek() is '"' or '\'' || (IsIdentifierStart(Peek()) && StringPrefixAhead()));

        return text.ToString();
    }

    private bool StringPrefixAhead()
    {
        var i = _position;
        while (i < _text.Length && IsIdentifierPart(_text[i]))
        {
            i++;
        }

        return i < _text.Length && _text[i] is '"' or '\'' && IsStringPrefix(_text[_position..i]);
    }
}
