namespace Converge.Core.Templates.Jinja;

/// <summary>Python's <c>ast.literal_eval</c> with JSON's true/false/null, as Ansible applies it to rendered text.</summary>
public static class PythonLiteral
{
    public static bool TryParse(string text, out object? value)
    {
        value = null;
        try
        {
            var expr = Parser.ParseExpression(text.Trim(), JinjaLibrary.Standard);
            return TryEval(expr, out value);
        }
        catch (TemplateSyntaxException)
        {
            return false;
        }
    }

    private static bool TryEval(Expr expr, out object? value)
    {
        value = null;
        switch (expr)
        {
            case Expr.Const c:
                value = c.Value;
                return true;
            case Expr.Name { Identifier: "null" }:
                return true;
            case Expr.Unary { Operator: "-" or "+", Operand: Expr.Const { Value: long or double } number } u:
                value = u.Operator == "+" ? number.Value : number.Value is long l ? -l : -(double)number.Value!;
                return true;
            case Expr.ListLiteral or Expr.TupleLiteral:
                var items = new List<object?>();
                foreach (var item in expr is Expr.ListLiteral list ? list.Items : ((Expr.TupleLiteral)expr).Items)
                {
                    if (!TryEval(item, out var v))
                    {
                        return false;
                    }

                    items.Add(v);
                }

                value = expr is Expr.TupleLiteral ? new PyTuple(items) : items;
                return true;
            case Expr.DictLiteral d:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in d.Pairs)
                {
                    if (!TryEval(key, out var k) || !TryEval(item, out var v))
                    {
                        return false;
                    }

                    map[Py.Str(k)] = v;
                }

                value = map;
                return true;
            default:
                return false;
        }
    }
}
