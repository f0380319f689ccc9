using System.Globalization;
using System.Text.RegularExpressions;

namespace Converge.Core.Templates.Jinja;

/// <summary>
/// Splits a template into data and tag tokens, applying whitespace control (<c>{%-</c>, <c>-%}</c>,
/// <c>trim_blocks</c>, <c>lstrip_blocks</c>) and <c>{% raw %}</c> here, as Jinja's lexer does. Inside a tag
/// it tracks bracket balance so a <c>}}</c> closing a dict literal does not end the tag.
/// </summary>
public sealed partial class Lexer
{
    private readonly string _text;
    private readonly JinjaOptions _options;
    private readonly List<Token> _tokens = [];
    private readonly List<int> _lineStarts = [0];
    private int _pos;

    private Lexer(string text, JinjaOptions options)
    {
        _text = text;
        _options = options;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>The tokens of a whole template, ending with <see cref="TokenKind.End"/>.</summary>
    public static List<Token> Tokenize(string text, JinjaOptions options)
    {
        var lexer = new Lexer(text, options);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        var stripNext = false;
        while (_pos < _text.Length)
        {
            var open = FindOpen(_pos);
            var dataEnd = open < 0 ? _text.Length : open;
            var start = _pos;
            if (stripNext)
            {
                while (start < dataEnd && char.IsWhiteSpace(_text[start]))
                {
                    start++;
                }
            }

            if (open < 0)
            {
                AddData(start, dataEnd);
                break;
            }

            var kind = _text[open + 1];
            var marker = open + 2 < _text.Length ? _text[open + 2] : '\0';
            var end = dataEnd;
            if (marker == '-')
            {
                while (end > start && char.IsWhiteSpace(_text[end - 1]))
                {
                    end--;
                }
            }
            else if (kind != '{' && _options.LstripBlocks && marker != '+')
            {
                var back = end;
                while (back > start && _text[back - 1] is ' ' or '\t')
                {
                    back--;
                }

                if (back == 0 || _text[back - 1] == '\n')
                {
                    end = back;
                }
            }

            AddData(start, end);
            _pos = open + 2 + (marker is '-' or '+' ? 1 : 0);
            stripNext = kind switch
            {
                '#' => Comment(open),
                '%' => RawBlock(open) ?? Tag(open, TokenKind.BlockBegin, TokenKind.BlockEnd, '%'),
                _ => Tag(open, TokenKind.VariableBegin, TokenKind.VariableEnd, '}'),
            };
        }

        _tokens.Add(new Token(TokenKind.End, string.Empty, Line(_text.Length), Column(_text.Length)));
    }

    private int FindOpen(int from)
    {
        for (var i = _text.IndexOf('{', from); i >= 0 && i + 1 < _text.Length; i = _text.IndexOf('{', i + 1))
        {
            if (_text[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private void AddData(int start, int end)
    {
        if (end > start)
        {
            _tokens.Add(new Token(TokenKind.Data, _text[start..end], Line(start), Column(start)));
        }
    }

    /// <summary>Skips a comment; returns whether the whitespace after it is stripped.</summary>
    private bool Comment(int open)
    {
        var close = _text.IndexOf("#}", _pos, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error("missing end of comment tag '#}'", open);
        }

        var minus = close > _pos && _text[close - 1] == '-';
        _pos = close + 2;
        return AfterBlock(minus);
    }

    /// <summary>
    /// <c>{% raw %}...{% endraw %}</c> is data, read here as Jinja's lexer does; null when the tag is not raw.
    /// </summary>
    private bool? RawBlock(int open)
    {
        var begin = RawBegin().Match(_text, _pos);
        if (!begin.Success || begin.Index != _pos)
        {
            return null;
        }

        var end = RawEnd().Match(_text, begin.Index + begin.Length);
        if (!end.Success)
        {
            throw Error("unexpected end of template: the 'raw' block is never closed ({% endraw %} expected)", open);
        }

        var start = begin.Index + begin.Length;
        if (begin.Groups[1].Value == "-")
        {
            while (start < end.Index && char.IsWhiteSpace(_text[start]))
            {
                start++;
            }
        }
        else if (_options.TrimBlocks && start < end.Index && _text[start] == '\n')
        {
            start++;
        }

        var stop = end.Index;
        if (end.Groups[1].Value == "-")
        {
            while (stop > start && char.IsWhiteSpace(_text[stop - 1]))
            {
                stop--;
            }
        }

        AddData(start, stop);
        _pos = end.Index + end.Length;
        return AfterBlock(end.Groups[2].Value == "-");
    }

    private bool AfterBlock(bool minus)
    {
        if (!minus && _options.TrimBlocks && _pos < _text.Length && _text[_pos] == '\n')
        {
            _pos++;
        }
        else if (!minus && _options.TrimBlocks && _pos + 1 < _text.Length && _text[_pos] == '\r' && _text[_pos + 1] == '\n')
        {
            _pos += 2;
        }

        return minus;
    }

    internal int Line(int index)
    {
        var found = _lineStarts.BinarySearch(index);
        return (found >= 0 ? found : ~found - 1) + 1;
    }

    internal int Column(int index) => index - _lineStarts[Line(index) - 1] + 1;

    private TemplateSyntaxException Error(string message, int index) => new(message, Line(index), Column(index));

    [GeneratedRegex(@"\s*raw\s*(-?)%\}")]
    private static partial Regex RawBegin();

    [GeneratedRegex(@"\{%(-?)\s*endraw\s*(-?)%\}")]
    private static partial Regex RawEnd();
}
