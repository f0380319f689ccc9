using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Core.Inventory;

internal sealed partial class PythonLiteral
{
    private object ParseNumber()
    {
        var m = NumberToken().Match(_text, _position);
        if (!m.Success || m.Index != _position || m.Length == 0)
        {
            throw Fail();
        }

        _position += m.Length;
        if (IsIdentifierPart(Peek()) || Peek() == '.')
        {
            // "1abc", "1.2.3", "0644" and imaginary numbers are syntax errors (or complex) for literal_eval.
            throw Fail();
        }

        var token = m.Value.Replace("_", string.Empty, StringComparison.Ordinal);
        try
        {
            if (m.Groups["hex"].Success)
            {
                return Convert.ToInt64(token[2..], 16);
            }

            if (m.Groups["oct"].Success)
            {
                return Convert.ToInt64(token[2..], 8);
            }

            if (m.Groups["bin"].Success)
            {
                return Convert.ToInt64(token[2..], 2);
            }

            if (m.Groups["int"].Success)
            {
                return long.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
            }

            return double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw Fail();
        }
    }

    private string ParseOneString(bool raw)
    {
        var quote = Peek();
        var triple = Peek(1) == quote && Peek(2) == quote;
        _position += triple ? 3 : 1;
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Fail();
            }

            var c = _text[_position];
            if (c == quote && (!triple || (Peek(1) == quote && Peek(2) == quote)))
            {
                _position += triple ? 3 : 1;
                return text.ToString();
            }

            if (c == '\n' && !triple)
            {
                throw Fail();
            }

            if (c == '\\')
            {
                var next = Peek(1);
                if (next == '\0')
                {
                    throw Fail();
                }

                if (raw)
                {
                    text.Append(c).Append(next);
                    _position += 2;
                    continue;
                }

                _position += 2;
                AppendEscape(next, text);
                continue;
            }

            text.Append(c);
            _position++;
        }
    }

    private void AppendEscape(char escape, StringBuilder text)
    {
        switch (escape)
        {
            case '\n':
                break;
            case '\\' or '\'' or '"':
                text.Append(escape);
                break;
            case 'a':
                text.Append('\a');
                break;
            case 'b':
                text.Append('\b');
                break;
            case 'f':
                text.Append('\f');
                break;
            case 'n':
                text.Append('\n');
                break;
            case 'r':
                text.Append('\r');
                break;
            case 't':
                text.Append('\t');
                break;
            case 'v':
                text.Append('\v');
                break;
            case 'x':
                text.Append(ReadHex(2));
                break;
            case 'u':
                text.Append(ReadHex(4));
                break;
            case 'U':
                text.Append(ReadHex(8));
                break;
            case >= '0' and <= '7':
                var digits = escape.ToString();
                while (digits.Length < 3 && Peek() is >= '0' and <= '7')
                {
                    digits += _text[_position++];
                }

                text.Append((char)Convert.ToInt32(digits, 8));
                break;
            default:
                // Python keeps unknown escapes as they are (with a DeprecationWarning).
                text.Append('\\').Append(escape);
                break;
        }
    }

    private string ReadHex(int length)
    {
        if (_position + length > _text.Length
            || !int.TryParse(_text.AsSpan(_position, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            throw Fail();
        }

        _position += length;
        return char.ConvertFromUtf32(code);
    }

    [GeneratedRegex(@"(?<hex>0[xX](?:_?[0-9a-fA-F])+)|(?<oct>0[oO](?:_?[0-7])+)|(?<bin>0[bB](?:_?[01])+)|(?<float>(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?|[0-9](?:_?[0-9])*\.(?:[eE][-+]?[0-9](?:_?[0-9])*)?|[0-9](?:_?[0-9])*[eE][-+]?[0-9](?:_?[0-9])*)|(?<int>[1-9](?:_?[0-9])*|0+(?:_?0)*)")]
    private static partial Regex NumberToken();
}
