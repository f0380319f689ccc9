namespace Converge.Core.Templates.Jinja;

/// <summary>Literals, names, parentheses, list/dict literals and the postfix operators (<c>.a</c>, <c>[k]</c>, <c>[1:2]</c>, <c>(args)</c>).</summary>
public sealed partial class Parser
{
    private Expr Primary()
    {
        var at = Current;
        switch (at.Kind)
        {
            case TokenKind.Name:
                _index++;
                return at.Text switch
                {
                    "true" or "True" => new Expr.Const(true, at.Line, at.Column),
                    "false" or "False" => new Expr.Const(false, at.Line, at.Column),
                    "none" or "None" => new Expr.Const(null, at.Line, at.Column),
                    _ => new Expr.Name(at.Text, at.Line, at.Column),
                };
            case TokenKind.String:
                _index++;
                var text = (string)at.Value!;
                while (Current.Kind == TokenKind.String)
                {
                    text += (string)Next().Value!;
                }

                return new Expr.Const(text, at.Line, at.Column);
            case TokenKind.Integer or TokenKind.Float:
                _index++;
                return new Expr.Const(at.Value, at.Line, at.Column);
        }

        if (at.IsOperator("("))
        {
            _index++;
            if (SkipOperator(")"))
            {
                return new Expr.TupleLiteral([], at.Line, at.Column);
            }

            var inner = Tuple();
            ExpectOperator(")");
            return inner is Expr.TupleLiteral ? inner with { Line = at.Line, Column = at.Column } : inner;
        }

        if (at.IsOperator("["))
        {
            _index++;
            var items = new List<Expr>();
            while (!SkipOperator("]"))
            {
                if (items.Count > 0)
                {
                    ExpectOperator(",");
                    if (SkipOperator("]"))
                    {
                        break;
                    }
                }

                items.Add(Expression());
            }

            return new Expr.ListLiteral(items, at.Line, at.Column);
        }

        if (at.IsOperator("{"))
        {
            _index++;
            var pairs = new List<(Expr, Expr)>();
            while (!SkipOperator("}"))
            {
                if (pairs.Count > 0)
                {
                    ExpectOperator(",");
                    if (SkipOperator("}"))
                    {
                        break;
                    }
                }

                var key = Expression();
                ExpectOperator(":");
                pairs.Add((key, Expression()));
            }

            return new Expr.DictLiteral(pairs, at.Line, at.Column);
        }

        throw Error($"expected an expression, got {at.Describe()}", at);
    }

    private Expr Postfix(Expr value)
    {
        while (true)
        {
            var at = Current;
            if (at.IsOperator("."))
            {
                _index++;
                var member = Current;
                if (member.Kind == TokenKind.Name)
                {
                    _index++;
                    value = new Expr.Attribute(value, member.Text, at.Line, at.Column);
                }
                else if (member.Kind == TokenKind.Integer)
                {
                    _index++;
                    value = new Expr.Item(value, new Expr.Const(member.Value, member.Line, member.Column), at.Line, at.Column);
                }
                else
                {
                    throw Error($"expected an attribute name after '.', got {member.Describe()}", member);
                }
            }
            else if (at.IsOperator("["))
            {
                _index++;
                value = Subscript(value, at);
            }
            else if (at.IsOperator("("))
            {
                var (args, kwargs) = Arguments();
                value = new Expr.Call(value, args, kwargs, at.Line, at.Column);
            }
            else
            {
                return value;
            }
        }
    }

    private Expr Subscript(Expr target, Token at)
    {
        Expr? start = Current.IsOperator(":") ? null : Expression();
        if (!Current.IsOperator(":"))
        {
            ExpectOperator("]");
            return new Expr.Item(target, start!, at.Line, at.Column);
        }

        _index++;
        Expr? stop = Current.IsOperator(":") || Current.IsOperator("]") ? null : Expression();
        Expr? step = null;
        if (SkipOperator(":") && !Current.IsOperator("]"))
        {
            step = Expression();
        }

        ExpectOperator("]");
        return new Expr.Slice(target, start, stop, step, at.Line, at.Column);
    }
}
