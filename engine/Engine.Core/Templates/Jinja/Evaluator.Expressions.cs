namespace Converge.Core.Templates.Jinja;

/// <summary>Expression evaluation with Python semantics; Python-level errors get the node's position here.</summary>
public sealed partial class Evaluator
{
    public bool Truthy(Expr expr, Frame frame)
    {
        var value = Eval(expr, frame);
        return value is Undefined u ? throw u.Error() : Py.Truthy(value);
    }

    public object? Eval(Expr expr, Frame frame)
    {
        try
        {
            return EvalCore(expr, frame);
        }
        catch (PyException e)
        {
            throw new TemplateRuntimeException(e.Message, expr.Line, expr.Column);
        }
        catch (OverflowException)
        {
            throw new TemplateRuntimeException("integer overflow (Converge's integers are 64-bit)", expr.Line, expr.Column);
        }
    }

    private object? EvalCore(Expr expr, Frame frame)
    {
        switch (expr)
        {
            case Expr.Const c:
                return c.Value;
            case Expr.Name n:
                return Lookup(n, frame);
            case Expr.Attribute a:
                return Member(Eval(a.Target, frame), a.Member, a);
            case Expr.Item i:
                return Member(Eval(i.Target, frame), Defined(Eval(i.Key, frame)), i);
            case Expr.Slice s:
                return Py.Slice(Defined(Eval(s.Target, frame)), Optional(s.Start, frame), Optional(s.Stop, frame), Optional(s.Step, frame));
            case Expr.Call call:
                return CallValue(call, frame, null);
            case Expr.Filter f:
                return ApplyFilter(f, f.Input is null ? null : Eval(f.Input, frame), frame);
            case Expr.Test t:
                return ApplyTest(t, frame);
            case Expr.Binary b:
                return Binary(b, frame);
            case Expr.Unary u:
                var operand = Eval(u.Operand, frame);
                return u.Operator switch
                {
                    "not" => !Py.Truthy(Defined(operand)),
                    "-" => Defined(operand) switch
                    {
                        long l => (object)(-l),
                        double d => (object)(-d),
                        bool bo => (object)(bo ? -1L : 0L),
                        var other => throw new PyException($"bad operand type for unary -: '{Py.TypeName(other)}'"),
                    },
                    _ => Py.IsNumber(Defined(operand)) ? operand : throw new PyException($"bad operand type for unary +: '{Py.TypeName(operand)}'"),
                };
            case Expr.Compare c:
                return Compare(c, frame);
            case Expr.Conditional c:
                return Truthy(c.Condition, frame) ? Eval(c.Then, frame)
                    : c.Else is null ? null : Eval(c.Else, frame);
            case Expr.ListLiteral l:
                return l.Items.Select(item => Eval(item, frame)).ToList();
            case Expr.TupleLiteral t:
                return new PyTuple(t.Items.Select(item => Eval(item, frame)).ToList());
            case Expr.DictLiteral d:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in d.Pairs)
                {
                    map[Py.Str(Defined(Eval(key, frame)))] = Eval(value, frame);
                }

                return map;
            default:
                throw new PyException($"cannot evaluate {expr.GetType().Name}");
        }
    }

    private static object? Defined(object? value) => Py.Defined(value);

    private object? Optional(Expr? expr, Frame frame) => expr is null ? null : Defined(Eval(expr, frame));

    private object? Lookup(Expr.Name name, Frame frame)
    {
        if (frame.TryGet(name.Identifier, out var local))
        {
            return local;
        }

        if (session.TryVariable(name.Identifier, out var value))
        {
            return value;
        }

        return session.Environment.Library.Globals.TryGetValue(name.Identifier, out var global)
            ? global
            : new Undefined(name.Identifier, name.Line, name.Column);
    }

    private static object? Member(object? target, object? key, Expr at)
    {
        if (target is Undefined u)
        {
            return new Undefined(at is Expr.Attribute a ? $"{u.Path}.{a.Member}" : $"{u.Path}[{Py.Repr(key)}]", u.Line, u.Column);
        }

        if (Py.TryLookup(target, key, out var value))
        {
            return value;
        }

        if (target is IJinjaPath named)
        {
            return new Undefined($"{named.Path}.{(key is string s ? s : Py.Repr(key))}", at.Line, at.Column);
        }

        return new Undefined(Expr.PathOf(at), at.Line, at.Column);
    }

    private object? Binary(Expr.Binary b, Frame frame)
    {
        switch (b.Operator)
        {
            case "and":
                var left = Eval(b.Left, frame);
                return Py.Truthy(Defined(left)) ? Eval(b.Right, frame) : left;
            case "or":
                var first = Eval(b.Left, frame);
                return Py.Truthy(Defined(first)) ? first : Eval(b.Right, frame);
            case "~":
                return Py.Str(Eval(b.Left, frame)) + Py.Str(Eval(b.Right, frame));
            case "+":
                return Py.Add(Eval(b.Left, frame), Eval(b.Right, frame));
            default:
                return Py.Arithmetic(b.Operator, Eval(b.Left, frame), Eval(b.Right, frame));
        }
    }

    private object? Compare(Expr.Compare c, Frame frame)
    {
        var left = Eval(c.First, frame);
        foreach (var (op, operand) in c.Rest)
        {
            var right = Eval(operand, frame);
            var holds = op switch
            {
                "==" => Py.Equals(left, right),
                "!=" => !Py.Equals(left, right),
                "in" => Py.Contains(right, left),
                "notin" => !Py.Contains(right, left),
                "<" => Py.Compare(left, right, op) < 0,
                ">" => Py.Compare(left, right, op) > 0,
                "<=" => Py.Compare(left, right, op) <= 0,
                _ => Py.Compare(left, right, op) >= 0,
            };
            if (!holds)
            {
                return false;
            }

            left = right;
        }

        return true;
    }
}
