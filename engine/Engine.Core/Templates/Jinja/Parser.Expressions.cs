namespace Converge.Core.Templates.Jinja;

/// <summary>Expressions, by Jinja's precedence: conditional, or, and, not, comparisons, + -, ~, * / // %, **, unary, postfix, filters and tests.</summary>
public sealed partial class Parser
{
    private static readonly HashSet<string> CompareOperators = ["==", "!=", "<", ">", "<=", ">="];

    /// <summary>An expression, or a tuple when commas follow (<c>{{ a, b }}</c>, <c>for k, v in ...</c>).</summary>
    private Expr Tuple(bool withCondition = true)
    {
        var at = Current;
        var first = withCondition ? Expression() : Or();
        if (!Current.IsOperator(","))
        {
            return first;
        }

        var items = new List<Expr> { first };
        while (SkipOperator(","))
        {
            if (Current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd || Current.IsOperator(")"))
            {
                break;
            }

            items.Add(withCondition ? Expression() : Or());
        }

        return new Expr.TupleLiteral(items, at.Line, at.Column);
    }

    private Expr Expression()
    {
        var at = Current;
        var value = Or();
        while (SkipName("if"))
        {
            var test = Or();
            Expr? otherwise = SkipName("else") ? Expression() : null;
            value = new Expr.Conditional(test, value, otherwise, at.Line, at.Column);
        }

        return value;
    }

    private Expr Or()
    {
        var left = And();
        while (Current.IsName("or"))
        {
            var at = Next();
            left = new Expr.Binary("or", left, And(), at.Line, at.Column);
        }

        return left;
    }

    private Expr And()
    {
        var left = Not();
        while (Current.IsName("and"))
        {
            var at = Next();
            left = new Expr.Binary("and", left, Not(), at.Line, at.Column);
        }

        return left;
    }

    private Expr Not()
    {
        if (Current.IsName("not"))
        {
            var at = Next();
            return new Expr.Unary("not", Not(), at.Line, at.Column);
        }

        return Comparison();
    }

    private Expr Comparison()
    {
        var at = Current;
        var first = Sum();
        var rest = new List<(string, Expr)>();
        while (true)
        {
            if (Current.Kind == TokenKind.Operator && CompareOperators.Contains(Current.Text))
            {
                var op = Next().Text;
                rest.Add((op, Sum()));
            }
            else if (Current.IsName("in"))
            {
                _index++;
                rest.Add(("in", Sum()));
            }
            else if (Current.IsName("not") && Peek().IsName("in"))
            {
                _index += 2;
                rest.Add(("notin", Sum()));
            }
            else
            {
                break;
            }
        }

        return rest.Count == 0 ? first : new Expr.Compare(first, rest, at.Line, at.Column);
    }

    private Expr Sum()
    {
        var left = Concat();
        while (Current.IsOperator("+") || Current.IsOperator("-"))
        {
            var at = Next();
            left = new Expr.Binary(at.Text, left, Concat(), at.Line, at.Column);
        }

        return left;
    }

    private Expr Concat()
    {
        var left = Product();
        while (Current.IsOperator("~"))
        {
            var at = Next();
            left = new Expr.Binary("~", left, Product(), at.Line, at.Column);
        }

        return left;
    }

    private Expr Product()
    {
        var left = Power();
        while (Current.Kind == TokenKind.Operator && Current.Text is "*" or "/" or "//" or "%")
        {
            var at = Next();
            left = new Expr.Binary(at.Text, left, Power(), at.Line, at.Column);
        }

        return left;
    }

    private Expr Power()
    {
        var left = UnaryExpr(withFilter: true);
        while (Current.IsOperator("**"))
        {
            var at = Next();
            left = new Expr.Binary("**", left, UnaryExpr(withFilter: true), at.Line, at.Column);
        }

        return left;
    }

    private Expr UnaryExpr(bool withFilter)
    {
        var at = Current;
        Expr value;
        if (at.IsOperator("-") || at.IsOperator("+"))
        {
            _index++;
            value = new Expr.Unary(at.Text, UnaryExpr(withFilter: false), at.Line, at.Column);
        }
        else
        {
            value = Primary();
        }

        value = Postfix(value);
        return withFilter ? FiltersAndTests(value) : value;
    }

    private Expr FiltersAndTests(Expr value)
    {
        while (true)
        {
            if (Current.IsOperator("|"))
            {
                _index++;
                value = FilterCall(value);
            }
            else if (Current.IsName("is"))
            {
                value = TestCall(value);
            }
            else if (Current.IsOperator("("))
            {
                value = Postfix(value);
            }
            else
            {
                return value;
            }
        }
    }

    private Expr FilterCall(Expr? input)
    {
        var at = Current;
        var name = DottedName("a filter name");
        var resolved = FilterName(at, name);
        var (args, kwargs) = Current.IsOperator("(") ? Arguments() : ([], []);
        return new Expr.Filter(input, resolved, args, kwargs, at.Line, at.Column);
    }

    private Expr TestCall(Expr input)
    {
        var isToken = Next();
        var negated = SkipName("not");
        var at = Current;
        var name = DottedName("a test name");
        var resolved = TestName(at, name);
        IReadOnlyList<Expr> args = [];
        IReadOnlyList<(string Name, Expr Value)> kwargs = [];
        if (Current.IsOperator("("))
        {
            (args, kwargs) = Arguments();
        }
        else if (Current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float || Current.IsOperator("[") || Current.IsOperator("{")
                 || (Current.IsOperator("-") && Peek().Kind is TokenKind.Integer or TokenKind.Float))
        {
            if (!(Current.IsName("else") || Current.IsName("or") || Current.IsName("and") || Current.IsName("if")))
            {
                args = [Postfix(Current.IsOperator("-") ? UnaryExpr(withFilter: false) : Primary())];
            }
        }

        return new Expr.Test(input, resolved, args, kwargs, negated, isToken.Line, isToken.Column);
    }

    private string DottedName(string what)
    {
        var name = ExpectName(what);
        while (Current.IsOperator(".") && Peek().Kind == TokenKind.Name)
        {
            _index++;
            name += "." + Next().Text;
        }

        return name;
    }

    private (IReadOnlyList<Expr> Args, IReadOnlyList<(string, Expr)> Kwargs) Arguments()
    {
        ExpectOperator("(");
        var args = new List<Expr>();
        var kwargs = new List<(string, Expr)>();
        while (!SkipOperator(")"))
        {
            if (args.Count + kwargs.Count > 0)
            {
                ExpectOperator(",");
                if (SkipOperator(")"))
                {
                    break;
                }
            }

            if (Current.Kind == TokenKind.Name && Peek().IsOperator("="))
            {
                var name = Next().Text;
                _index++;
                kwargs.Add((name, Expression()));
            }
            else if (kwargs.Count > 0)
            {
                throw Error("a positional argument cannot follow a keyword argument", Current);
            }
            else
            {
                args.Add(Expression());
            }
        }

        return (args, kwargs);
    }
}
