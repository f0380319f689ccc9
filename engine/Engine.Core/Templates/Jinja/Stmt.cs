namespace Converge.Core.Templates.Jinja;

/// <summary>A statement node of a template's AST, with its 1-based position.</summary>
public abstract record Stmt(int Line, int Column)
{
    public sealed record Text(string Value, int Line, int Column) : Stmt(Line, Column);

    public sealed record Output(Expr Value, int Line, int Column) : Stmt(Line, Column);

    public sealed record If(IReadOnlyList<(Expr Test, IReadOnlyList<Stmt> Body)> Branches, IReadOnlyList<Stmt>? Else, int Line, int Column) : Stmt(Line, Column);

    public sealed record For(IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt>? Else, bool Recursive, int Line, int Column) : Stmt(Line, Column);

    public sealed record Set(IReadOnlyList<string> Targets, string? Namespace, Expr Value, int Line, int Column) : Stmt(Line, Column);

    public sealed record SetBlock(string Target, IReadOnlyList<Expr.Filter> Filters, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

    public sealed record Macro(string Name, IReadOnlyList<(string Name, Expr? Default)> Parameters, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

    public sealed record CallBlock(Expr.Call Call, IReadOnlyList<(string Name, Expr? Default)> Parameters, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

    public sealed record FilterBlock(IReadOnlyList<Expr.Filter> Filters, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

    public sealed record With(IReadOnlyList<(string Name, Expr Value)> Assignments, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

    public sealed record Include(Expr Template, bool IgnoreMissing, bool WithContext, int Line, int Column) : Stmt(Line, Column);

    public sealed record Loop(string Keyword, int Line, int Column) : Stmt(Line, Column);

    public sealed record Do(Expr Value, int Line, int Column) : Stmt(Line, Column);
}
