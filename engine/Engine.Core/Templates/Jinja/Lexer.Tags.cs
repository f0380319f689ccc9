using System.Globalization;
using System.Text;

namespace Converge.Core.Templates.Jinja;

/// <summary>The tokens inside <c>{{ }}</c> and <c>{% %}</c>: names, literals, operators.</summary>
public sealed partial class Lexer
{
    private static readonly string[] TwoCharOperators = ["//", "**", "==", "!=", ">=", "<="];
    private const string OneCharOperators = "+-*/%~<>=()[]{},.:|";

    /// <summary>Lexes one tag's inside; returns whether the whitespace after it is stripped (<c>-}}</c>).</summary>
    private bool Tag(int open, TokenKind begin, TokenKind end, char closer)
    {
        _tokens.Add(new Token(begin, _text.Substring(open, 2), Line(open), Column(open)));
        var balance = new Stack<(char Bracket, int At)>();
        while (true)
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }

            if (_pos >= _text.Length)
            {
                var what = closer == '}' ? "'}}'" : "'%}'";
                throw Error($"unexpected end of template: the tag opened at {Line(open)}:{Column(open)} is never closed ({what} expected)", open);
            }

            if (balance.Count == 0)
            {
                var minus = _text[_pos] == '-' && At(_pos + 1, closer, '}');
                if (minus || At(_pos, closer, '}'))
                {
                    _tokens.Add(new Token(end, closer == '}' ? "}}" : "%}", Line(_pos), Column(_pos)));
                    _pos += minus ? 3 : 2;
                    return end == TokenKind.BlockEnd ? AfterBlock(minus) : minus;
                }
            }

            var c = _text[_pos];
            if (char.IsAsciiLetter(c) || c == '_')
            {
                Name();
            }
            else if (char.IsAsciiDigit(c))
            {
                Number();
            }
            else if (c is '\'' or '"')
            {
                String(c, raw: begin == TokenKind.VariableBegin && _options.EscapeBackslashes);
            }
            else
            {
                Operator(balance);
            }
        }
    }

    private bool At(int index, char first, char second) =>
        index + 1 < _text.Length && _text[index] == first && _text[index + 1] == second;

    private void Name()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        _tokens.Add(new Token(TokenKind.Name, _text[start.._pos], Line(start), Column(start)));
    }

    private void Number()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        // A float never follows a dot, so "x.0.1" is x[0][1] as in Jinja (float_re's (?<!\.) look-behind).
        var isFloat = false;
        if (_pos + 1 < _text.Length && _text[_pos] == '.' && char.IsAsciiDigit(_text[_pos + 1]) && (start == 0 || _text[start - 1] != '.'))
        {
            isFloat = true;
            _pos++;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }
        }

        if (_pos < _text.Length && _text[_pos] is 'e' or 'E' && (start == 0 || _text[start - 1] != '.'))
        {
            var save = _pos;
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-')
            {
                _pos++;
            }

            if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                isFloat = true;
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }

        var text = _text[start.._pos];
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        object value = isFloat
            ? double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture)
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (object)n : double.Parse(digits, CultureInfo.InvariantCulture);
        _tokens.Add(new Token(isFloat ? TokenKind.Float : TokenKind.Integer, text, Line(start), Column(start), value));
    }

    /// <summary>A string literal; a raw one (Ansible's escaped backslashes) ends at the first quote and keeps every backslash.</summary>
    private void String(char quote, bool raw)
    {
        var start = _pos++;
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of template: the string is never closed", start);
            }

            var c = _text[_pos++];
            if (c == quote)
            {
                break;
            }

            if (c == '\\' && _pos < _text.Length && !raw)
            {
                Escape(value);
            }
            else
            {
                value.Append(c);
            }
        }

        _tokens.Add(new Token(TokenKind.String, _text[start.._pos], Line(start), Column(start), value.ToString()));
    }

    /// <summary>Python's escapes (Jinja decodes string literals with unicode-escape); an unknown one keeps its backslash.</summary>
    private void Escape(StringBuilder value)
    {
        var c = _text[_pos++];
        switch (c)
        {
            case 'n': value.Append('\n'); break;
            case 't': value.Append('\t'); break;
            case 'r': value.Append('\r'); break;
            case '0': value.Append('\0'); break;
            case 'a': value.Append('\a'); break;
            case 'b': value.Append('\b'); break;
            case 'f': value.Append('\f'); break;
            case 'v': value.Append('\v'); break;
            case '\n': break;
            case '\\' or '\'' or '"': value.Append(c); break;
            case 'x' or 'u' or 'U':
                var length = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                if (_pos + length <= _text.Length && int.TryParse(_text.AsSpan(_pos, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                {
                    value.Append(char.ConvertFromUtf32(code));
                    _pos += length;
                }
                else
                {
                    value.Append('\\').Append(c);
                }

                break;
            default: value.Append('\\').Append(c); break;
        }
    }

    private void Operator(Stack<(char Bracket, int At)> balance)
    {
        var start = _pos;
        var two = _pos + 1 < _text.Length ? _text.Substring(_pos, 2) : string.Empty;
        string op;
        if (Array.IndexOf(TwoCharOperators, two) >= 0)
        {
            op = two;
        }
        else if (OneCharOperators.Contains(_text[_pos], StringComparison.Ordinal))
        {
            op = _text[_pos].ToString();
        }
        else
        {
            throw Error($"unexpected character '{_text[_pos]}'", _pos);
        }

        if (op is "(" or "[" or "{")
        {
            balance.Push((op[0], start));
        }
        else if (op is ")" or "]" or "}")
        {
            var expected = op switch { ")" => '(', "]" => '[', _ => '{' };
            if (balance.Count == 0 || balance.Peek().Bracket != expected)
            {
                throw Error(balance.Count == 0 ? $"unexpected '{op}'" : $"unexpected '{op}', expected '{Closing(balance.Peek().Bracket)}'", start);
            }

            balance.Pop();
        }

        _pos += op.Length;
        _tokens.Add(new Token(TokenKind.Operator, op, Line(start), Column(start)));
    }

    private static char Closing(char open) => open switch { '(' => ')', '[' => ']', _ => '}' };
}
