namespace Converge.Core.Templates.Jinja;

/// <summary>A <c>{% macro %}</c> (or the <c>caller</c> of a call block): renders its body with the arguments bound.</summary>
public sealed class Macro(string name, IReadOnlyList<(string Name, Expr? Default)> parameters, IReadOnlyList<Stmt> body, Frame definedIn, Evaluator evaluator) : IJinjaCallable
{
    public object? Call(RenderSession session, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var frame = new Frame(definedIn);
        var extra = new List<object?>();
        for (var i = 0; i < args.Count; i++)
        {
            if (i < parameters.Count)
            {
                frame.Set(parameters[i].Name, args[i]);
            }
            else
            {
                extra.Add(args[i]);
            }
        }

        for (var i = args.Count; i < parameters.Count; i++)
        {
            var (parameter, fallback) = parameters[i];
            frame.Set(parameter, kwargs.TryGetValue(parameter, out var named) ? named
                : fallback is not null ? evaluator.Eval(fallback, frame)
                : new Undefined(parameter, fallback?.Line ?? 0, fallback?.Column ?? 0));
        }

        frame.Set("varargs", extra);
        frame.Set("kwargs", kwargs.Where(k => k.Key != "caller" && parameters.All(p => p.Name != k.Key)).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal));
        if (kwargs.TryGetValue("caller", out var caller))
        {
            frame.Set("caller", caller);
        }

        return evaluator.Capture(body, frame);
    }

    public override string ToString() => $"<Macro '{name}'>";
}
