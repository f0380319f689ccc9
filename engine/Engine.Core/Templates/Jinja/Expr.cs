namespace Converge.Core.Templates.Jinja;

/// <summary>An expression node of the AST; every node keeps the 1-based line and column it starts at.</summary>
public abstract record Expr(int Line, int Column)
{
    public sealed record Const(object? Value, int Line, int Column) : Expr(Line, Column);

    public sealed record Name(string Identifier, int Line, int Column) : Expr(Line, Column);

    /// <summary><c>a.b</c> and <c>a['b']</c> are one lookup in Jinja (attribute then item, or the reverse).</summary>
    public sealed record Attribute(Expr Target, string Member, int Line, int Column) : Expr(Line, Column);

    public sealed record Item(Expr Target, Expr Key, int Line, int Column) : Expr(Line, Column);

    public sealed record Slice(Expr Target, Expr? Start, Expr? Stop, Expr? Step, int Line, int Column) : Expr(Line, Column);

    public sealed record Call(Expr Callee, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, int Line, int Column) : Expr(Line, Column);

    public sealed record Filter(Expr? Input, string FilterName, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, int Line, int Column) : Expr(Line, Column);

    public sealed record Test(Expr Input, string TestName, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, bool Negated, int Line, int Column) : Expr(Line, Column);

    public sealed record Binary(string Operator, Expr Left, Expr Right, int Line, int Column) : Expr(Line, Column);

    public sealed record Unary(string Operator, Expr Operand, int Line, int Column) : Expr(Line, Column);

    public sealed record Compare(Expr First, IReadOnlyList<(string Operator, Expr Operand)> Rest, int Line, int Column) : Expr(Line, Column);

    public sealed record Conditional(Expr Condition, Expr Then, Expr? Else, int Line, int Column) : Expr(Line, Column);

    public sealed record ListLiteral(IReadOnlyList<Expr> Items, int Line, int Column) : Expr(Line, Column);

    public sealed record TupleLiteral(IReadOnlyList<Expr> Items, int Line, int Column) : Expr(Line, Column);

    public sealed record DictLiteral(IReadOnlyList<(Expr Key, Expr Value)> Pairs, int Line, int Column) : Expr(Line, Column);

    /// <summary>The dotted path of a name/attribute chain (<c>result.stdout_lines</c>), for undefined errors.</summary>
    public static string PathOf(Expr expr) => expr switch
    {
        Name n => n.Identifier,
        Attribute a => $"{PathOf(a.Target)}.{a.Member}",
        Item { Key: Const { Value: string s } } i => $"{PathOf(i.Target)}['{s}']",
        Item { Key: Const c } i => $"{PathOf(i.Target)}[{c.Value}]",
        Item i => $"{PathOf(i.Target)}[...]",
        _ => "(expression)",
    };
}
