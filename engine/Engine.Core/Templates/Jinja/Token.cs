namespace Converge.Core.Templates.Jinja;

/// <summary>One token with its 1-based position in the template text; <see cref="Value"/> holds a literal's value.</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, object? Value = null)
{
    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsOperator(string text) => Kind == TokenKind.Operator && Text == text;

    public bool IsName(string text) => Kind == TokenKind.Name && Text == text;

    /// <summary>How the token reads in an error message ("end of statement block", "'}'").</summary>
    public string Describe() => Kind switch
    {
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.End => "end of template",
        TokenKind.String => "string",
        TokenKind.Integer => "integer",
        TokenKind.Float => "float",
        _ => $"'{Text}'",
    };
}
