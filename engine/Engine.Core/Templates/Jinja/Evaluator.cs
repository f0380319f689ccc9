namespace Converge.Core.Templates.Jinja;

/// <summary>Executes a template's statements for one render session (one host, one task).</summary>
public sealed partial class Evaluator(RenderSession session)
{
    private sealed class LoopControl(bool isBreak) : Exception
    {
        public bool IsBreak { get; } = isBreak;
    }

    public void Execute(IReadOnlyList<Stmt> body, Frame frame, OutputBuffer output)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case Stmt.Text text:
                    output.Write(text.Value);
                    break;
                case Stmt.Output o:
                    var value = Eval(o.Value, frame);
                    if (value is Undefined u)
                    {
                        throw u.Error();
                    }

                    // Jinja folds a constant None into the template text, which Ansible's finalize prints as ''.
                    value = value is null && o.Value is Expr.Const ? string.Empty : value;

                    output.Write(value, o.Value is Expr.Filter { FilterName: "to_json" or "to_nice_json" or "to_yaml" or "to_nice_yaml" or "string" });
                    break;
                case Stmt.If i:
                    ExecuteIf(i, frame, output);
                    break;
                case Stmt.For f:
                    ExecuteFor(f, Eval(f.Iterable, frame), frame, output, 0);
                    break;
                case Stmt.Set s:
                    ExecuteSet(s, frame);
                    break;
                case Stmt.SetBlock sb:
                    frame.Set(sb.Target, ApplyFilters(sb.Filters, Capture(sb.Body, new Frame(frame)), frame));
                    break;
                case Stmt.Macro m:
                    frame.Set(m.Name, new Macro(m.Name, m.Parameters, m.Body, frame, this));
                    break;
                case Stmt.CallBlock c:
                    var caller = new Macro("caller", c.Parameters, c.Body, frame, this);
                    output.Write(CallValue(c.Call, frame, caller));
                    break;
                case Stmt.FilterBlock fb:
                    output.Write(ApplyFilters(fb.Filters, Capture(fb.Body, new Frame(frame)), frame));
                    break;
                case Stmt.With w:
                    var inner = new Frame(frame);
                    foreach (var (name, expr) in w.Assignments)
                    {
                        inner.Set(name, Eval(expr, frame));
                    }

                    Execute(w.Body, inner, output);
                    break;
                case Stmt.Include inc:
                    ExecuteInclude(inc, frame, output);
                    break;
                case Stmt.Loop l:
                    throw new LoopControl(l.Keyword == "break");
                case Stmt.Do d:
                    Eval(d.Value, frame);
                    break;
            }
        }
    }

    /// <summary>Renders statements to a string (a macro body, a block set).</summary>
    public string Capture(IReadOnlyList<Stmt> body, Frame frame)
    {
        var output = new OutputBuffer(session);
        Execute(body, frame, output);
        return output.ToString();
    }

    private object? ApplyFilters(IReadOnlyList<Expr.Filter> filters, object? value, Frame frame)
    {
        foreach (var filter in filters)
        {
            value = ApplyFilter(filter, value, frame);
        }

        return value;
    }

    private void ExecuteIf(Stmt.If statement, Frame frame, OutputBuffer output)
    {
        foreach (var (test, body) in statement.Branches)
        {
            if (Truthy(test, frame))
            {
                Execute(body, frame, output);
                return;
            }
        }

        if (statement.Else is not null)
        {
            Execute(statement.Else, frame, output);
        }
    }

    private void ExecuteSet(Stmt.Set statement, Frame frame)
    {
        var value = Eval(statement.Value, frame);
        if (statement.Namespace is not null)
        {
            if (!frame.TryGet(statement.Namespace, out var ns) || ns is not Namespace target)
            {
                throw new TemplateRuntimeException($"cannot assign attribute on '{statement.Namespace}': it is not a namespace()", statement.Line, statement.Column);
            }

            target.Set(statement.Targets[0], value);
            return;
        }

        if (statement.Targets.Count == 1)
        {
            frame.Set(statement.Targets[0], value);
            return;
        }

        var items = Py.ToList(value);
        if (items.Count != statement.Targets.Count)
        {
            throw new TemplateRuntimeException($"cannot unpack {items.Count} values into {statement.Targets.Count} names", statement.Line, statement.Column);
        }

        for (var i = 0; i < items.Count; i++)
        {
            frame.Set(statement.Targets[i], items[i]);
        }
    }

    internal void ExecuteFor(Stmt.For statement, object? iterable, Frame frame, OutputBuffer output, int depth)
    {
        if (iterable is Undefined u)
        {
            throw u.Error();
        }

        List<object?> items;
        try
        {
            items = iterable is null ? [] : Py.IsMap(iterable) ? [.. Py.Entries(iterable).Select(e => (object?)e.Key)] : Py.ToList(iterable);
        }
        catch (PyException e)
        {
            throw new TemplateRuntimeException(e.Message, statement.Iterable.Line, statement.Iterable.Column);
        }

        if (statement.Filter is not null)
        {
            items = items.Where(item =>
            {
                var test = new Frame(frame);
                Bind(statement, test, item);
                return Truthy(statement.Filter, test);
            }).ToList();
        }

        if (items.Count == 0)
        {
            if (statement.Else is not null)
            {
                Execute(statement.Else, frame, output);
            }

            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var inner = new Frame(frame);
            Bind(statement, inner, items[i]);
            inner.Set("loop", new LoopContext(items, i, depth, statement.Recursive ? (children => Recurse(statement, children, frame, depth)) : null));
            try
            {
                Execute(statement.Body, inner, output);
            }
            catch (LoopControl control) when (control.IsBreak)
            {
                break;
            }
            catch (LoopControl)
            {
            }
        }
    }

    private string Recurse(Stmt.For statement, object? children, Frame frame, int depth)
    {
        var output = new OutputBuffer(session);
        ExecuteFor(statement, children, frame, output, depth + 1);
        return output.ToString();
    }

    private static void Bind(Stmt.For statement, Frame frame, object? item)
    {
        if (statement.Targets.Count == 1)
        {
            frame.Set(statement.Targets[0], item);
            return;
        }

        var values = Py.ToList(item);
        if (values.Count != statement.Targets.Count)
        {
            throw new TemplateRuntimeException($"cannot unpack {values.Count} values into {statement.Targets.Count} loop variables", statement.Line, statement.Column);
        }

        for (var i = 0; i < values.Count; i++)
        {
            frame.Set(statement.Targets[i], values[i]);
        }
    }

    private void ExecuteInclude(Stmt.Include statement, Frame frame, OutputBuffer output)
    {
        var name = Eval(statement.Template, frame);
        var names = Py.IsSequence(name) ? Py.ToList(name) : [name];
        foreach (var candidate in names)
        {
            var template = session.LoadInclude(Py.Str(candidate), statement.Line, statement.Column);
            if (template is not null)
            {
                session.WithTemplate(template.Path, () => Execute(template.Body, statement.WithContext ? new Frame(frame) : new Frame(null), output));
                return;
            }
        }

        if (!statement.IgnoreMissing)
        {
            throw new TemplateRuntimeException($"template '{Py.Str(name)}' not found (looked in {session.SearchPathText})", statement.Line, statement.Column);
        }
    }
}
