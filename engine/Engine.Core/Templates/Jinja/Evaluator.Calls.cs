namespace Converge.Core.Templates.Jinja;

/// <summary>Calls (macros, globals, string/dict/list methods), filters and tests.</summary>
public sealed partial class Evaluator
{
    internal object? CallValue(Expr.Call call, Frame frame, Macro? caller)
    {
        var args = new List<object?>(call.Args.Count);
        foreach (var arg in call.Args)
        {
            args.Add(Eval(arg, frame));
        }

        var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in call.Kwargs)
        {
            kwargs[name] = Eval(value, frame);
        }

        if (caller is not null)
        {
            kwargs["caller"] = caller;
        }

        try
        {
            if (call.Callee is Expr.Attribute attribute)
            {
                var target = Eval(attribute.Target, frame);
                if (target is not IJinjaObject && Methods.TryCall(session, Defined(target), attribute.Member, args, kwargs, out var result))
                {
                    return result;
                }

                return Invoke(Member(target, attribute.Member, attribute), call, args, kwargs);
            }

            return Invoke(Eval(call.Callee, frame), call, args, kwargs);
        }
        catch (PyException e)
        {
            throw new TemplateRuntimeException(e.Message, call.Line, call.Column);
        }
    }

    private object? Invoke(object? callee, Expr.Call call, List<object?> args, Dictionary<string, object?> kwargs) => callee switch
    {
        IJinjaCallable callable => callable.Call(session, args, kwargs),
        Undefined u => throw u.Error(),
        _ => throw new TemplateRuntimeException($"'{Expr.PathOf(call.Callee)}' is not callable (it is a {Py.TypeName(callee)})", call.Line, call.Column),
    };

    private object? ApplyFilter(Expr.Filter filter, object? input, Frame frame)
    {
        var function = session.Environment.Library.Filter(filter.FilterName);
        if (input is Undefined u && !function.AcceptsUndefined)
        {
            throw u.Error();
        }

        var args = new List<object?>(filter.Args.Count);
        foreach (var arg in filter.Args)
        {
            args.Add(Eval(arg, frame));
        }

        var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in filter.Kwargs)
        {
            kwargs[name] = Eval(value, frame);
        }

        if (PythonSignature.OfFilter(filter.FilterName)?.Mismatch(args.Count, kwargs.Keys) is { } mismatch)
        {
            throw new TemplateRuntimeException(mismatch, filter.Line, filter.Column);
        }

        try
        {
            return function.Apply(new FilterCall(session, input, args, kwargs, filter.FilterName));
        }
        catch (PyException e)
        {
            throw new TemplateRuntimeException($"filter '{filter.FilterName}': {e.Message}", filter.Line, filter.Column);
        }
    }

    private bool ApplyTest(Expr.Test test, Frame frame)
    {
        var function = session.Environment.Library.Test(test.TestName);
        var input = Eval(test.Input, frame);
        if (input is Undefined u && !function.AcceptsUndefined)
        {
            throw u.Error();
        }

        var args = test.Args.Select(a => Eval(a, frame)).ToList();
        var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in test.Kwargs)
        {
            kwargs[name] = Eval(value, frame);
        }

        if (PythonSignature.OfTest(test.TestName)?.Mismatch(args.Count, kwargs.Keys) is { } mismatch)
        {
            throw new TemplateRuntimeException(mismatch, test.Line, test.Column);
        }

        try
        {
            return Py.Truthy(function.Apply(new FilterCall(session, input, args, kwargs, test.TestName))) != test.Negated;
        }
        catch (PyException e)
        {
            throw new TemplateRuntimeException($"test '{test.TestName}': {e.Message}", test.Line, test.Column);
        }
    }
}
