using Converge.Core.Diagnostics;

namespace Converge.Core.Templates.Jinja;

/// <summary>
/// Recursive-descent parser from tokens to the AST, following Jinja's grammar (parser.py). Unknown filters
/// and tests are errors here, at load time, with the column and a suggestion.
/// </summary>
public sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private readonly JinjaLibrary _library;
    private int _index;

    private Parser(List<Token> tokens, JinjaLibrary library)
    {
        _tokens = tokens;
        _library = library;
    }

    /// <summary>Parses a whole template.</summary>
    public static IReadOnlyList<Stmt> ParseTemplate(string text, JinjaOptions options, JinjaLibrary library, int lineOffset = 0)
    {
        var tokens = Lexer.Tokenize(text, options);
        if (lineOffset != 0)
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                tokens[i] = tokens[i] with { Line = tokens[i].Line + lineOffset };
            }
        }

        return new Parser(tokens, library).Body(null);
    }

    /// <summary>Parses a bare expression (a <c>when:</c> condition).</summary>
    public static Expr ParseExpression(string text, JinjaLibrary library)
    {
        try
        {
            return Expression(text, library);
        }
        catch (TemplateSyntaxException e) when (e.Reason.Contains("print statement", StringComparison.Ordinal))
        {
            throw new TemplateSyntaxException(e.Reason.Replace("end of print statement", "the end of the expression", StringComparison.Ordinal), e.Line, e.Column);
        }
    }

    private static Expr Expression(string text, JinjaLibrary library)
    {
        var tokens = Lexer.Tokenize("{{" + text + "}}", JinjaOptions.Ansible);

        // The expression was wrapped in "{{ }}": positions shift back by the two characters added.
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            tokens[i] = t with { Column = t.Line == 1 ? Math.Max(1, t.Column - 2) : t.Column };
        }

        var parser = new Parser(tokens, library);
        parser.Expect(TokenKind.VariableBegin, "an expression");
        if (parser.Current.Kind == TokenKind.VariableEnd)
        {
            throw Error("expected an expression, got end of expression", parser.Current);
        }

        var expr = parser.Tuple();
        if (parser.Current.Kind != TokenKind.VariableEnd)
        {
            throw Error($"unexpected {parser.Current.Describe()} after the expression", parser.Current);
        }

        parser._index++;
        if (parser.Current.Kind != TokenKind.End)
        {
            throw Error("a condition is one expression: '{{' or '{%' inside it is not allowed", parser.Current);
        }

        return expr;
    }

    private Token Current => _tokens[_index];

    private Token Peek(int ahead = 1) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Next() => _tokens[_index++];

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error($"expected {what}, got {Current.Describe()}", Current);
        }

        return Next();
    }

    private Token ExpectOperator(string op)
    {
        if (!Current.IsOperator(op))
        {
            throw Error($"expected '{op}', got {Current.Describe()}", Current);
        }

        return Next();
    }

    private string ExpectName(string what) => Expect(TokenKind.Name, what).Text;

    private bool SkipOperator(string op)
    {
        if (Current.IsOperator(op))
        {
            _index++;
            return true;
        }

        return false;
    }

    private bool SkipName(string name)
    {
        if (Current.IsName(name))
        {
            _index++;
            return true;
        }

        return false;
    }

    private static TemplateSyntaxException Error(string message, Token at) => new(message, at.Line, at.Column);

    private string FilterName(Token at, string name) =>
        _library.ResolveFilter(name) ?? throw Error($"no filter named '{name}'{NameSuggestion.DidYouMean(name, _library.FilterNames)}", at);

    private string TestName(Token at, string name) =>
        _library.ResolveTest(name) ?? throw Error($"no test named '{name}'{NameSuggestion.DidYouMean(name, _library.TestNames)}", at);
}
