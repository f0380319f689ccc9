namespace Converge.Core.Templates.Jinja;

/// <summary>The kinds of token the lexer produces (Jinja's lexer.py names, fewer of them).</summary>
public enum TokenKind
{
    Data,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    End,
}
