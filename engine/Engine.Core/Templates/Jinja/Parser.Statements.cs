namespace Converge.Core.Templates.Jinja;

/// <summary>Statements: <c>if</c>, <c>for</c>, <c>set</c>, <c>macro</c>, <c>call</c>, <c>filter</c>, <c>with</c>, <c>include</c>.</summary>
public sealed partial class Parser
{
    private sealed record Block(string Tag, Token At, string[] Ends);

    private Block? _open;

    /// <summary>Statements until one of the open block's end tags (left unread) or the end of the template.</summary>
    private List<Stmt> Body(Block? block)
    {
        var outer = _open;
        _open = block;
        var body = new List<Stmt>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Data:
                    _index++;
                    body.Add(new Stmt.Text(token.Text, token.Line, token.Column));
                    break;
                case TokenKind.VariableBegin:
                    _index++;
                    if (Current.Kind == TokenKind.VariableEnd)
                    {
                        throw Error("expected an expression, got end of print statement", Current);
                    }

                    var value = Tuple();
                    Expect(TokenKind.VariableEnd, "end of print statement ('}}')");
                    body.Add(new Stmt.Output(value, token.Line, token.Column));
                    break;
                case TokenKind.BlockBegin:
                    var tag = Peek();
                    if (tag.Kind == TokenKind.Name && block is not null && block.Ends.Contains(tag.Text))
                    {
                        _open = outer;
                        return body;
                    }

                    _index++;
                    body.Add(Statement());
                    break;
                case TokenKind.End:
                    if (block is not null)
                    {
                        throw Error($"unexpected end of template: the '{block.Tag}' block opened here is never closed ({Expected(block)} expected)", block.At);
                    }

                    _open = outer;
                    return body;
                default:
                    throw Error($"unexpected {token.Describe()}", token);
            }
        }
    }

    private static string Expected(Block block) => string.Join(" or ", block.Ends.Select(e => $"'{e}'"));

    private Stmt Statement()
    {
        var at = Current;
        if (at.Kind != TokenKind.Name)
        {
            throw Error($"expected a tag name, got {at.Describe()}", at);
        }

        _index++;
        return at.Text switch
        {
            "if" => If(at),
            "for" => For(at),
            "set" => Set(at),
            "macro" => Macro(at),
            "call" => CallBlock(at),
            "filter" => FilterBlock(at),
            "with" => With(at),
            "block" => NamedBlock(at),
            "include" => Include(at),
            "break" or "continue" => EndTag(new Stmt.Loop(at.Text, at.Line, at.Column)),
            "do" => EndTag(new Stmt.Do(Tuple(), at.Line, at.Column)),
            _ => throw Error(UnknownTag(at.Text), at),
        };
    }

    private string UnknownTag(string tag)
    {
        var message = $"unknown tag '{tag}'";
        return _open is null ? message : $"{message}; the innermost open block is '{_open.Tag}' (opened at {_open.At.Line}:{_open.At.Column}), which ends with {Expected(_open)}";
    }

    private T EndTag<T>(T statement)
    {
        Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
        return statement;
    }

    /// <summary>Reads the end tag the body stopped at and returns its name.</summary>
    private string EndOfBody()
    {
        Expect(TokenKind.BlockBegin, "a tag");
        return ExpectName("a tag name");
    }

    private Stmt.If If(Token at)
    {
        var branches = new List<(Expr, IReadOnlyList<Stmt>)>();
        var test = Expression();
        Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
        var block = new Block("if", at, ["elif", "else", "endif"]);
        while (true)
        {
            var body = Body(block);
            branches.Add((test, body));
            var end = EndOfBody();
            if (end == "elif")
            {
                test = Expression();
                Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
                continue;
            }

            IReadOnlyList<Stmt>? otherwise = null;
            if (end == "else")
            {
                Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
                otherwise = Body(new Block("if", at, ["endif"]));
                EndOfBody();
            }

            Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
            return new Stmt.If(branches, otherwise, at.Line, at.Column);
        }
    }

    private Stmt.For For(Token at)
    {
        var targets = new List<string> { ExpectName("a loop variable name") };
        while (SkipOperator(","))
        {
            targets.Add(ExpectName("a loop variable name"));
        }

        if (!SkipName("in"))
        {
            throw Error($"expected 'in', got {Current.Describe()}", Current);
        }

        var iterable = Tuple(withCondition: false);
        Expr? filter = SkipName("if") ? Expression() : null;
        var recursive = SkipName("recursive");
        Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
        var body = Body(new Block("for", at, ["endfor", "else"]));
        IReadOnlyList<Stmt>? otherwise = null;
        if (EndOfBody() == "else")
        {
            Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
            otherwise = Body(new Block("for", at, ["endfor"]));
            EndOfBody();
        }

        Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
        return new Stmt.For(targets, iterable, filter, body, otherwise, recursive, at.Line, at.Column);
    }

    private Stmt Set(Token at)
    {
        var first = ExpectName("a variable name");
        string? ns = null;
        var targets = new List<string> { first };
        if (SkipOperator("."))
        {
            ns = first;
            targets[0] = ExpectName("an attribute name");
        }

        while (ns is null && SkipOperator(","))
        {
            targets.Add(ExpectName("a variable name"));
        }

        if (SkipOperator("="))
        {
            return EndTag(new Stmt.Set(targets, ns, Tuple(), at.Line, at.Column));
        }

        var filters = new List<Expr.Filter>();
        while (Current.IsOperator("|"))
        {
            _index++;
            filters.Add((Expr.Filter)FilterCall(null));
        }

        Expect(TokenKind.BlockEnd, "'=' or end of statement block ('%}')");
        var body = Body(new Block("set", at, ["endset"]));
        EndOfBody();
        return EndTag(new Stmt.SetBlock(first, filters, body, at.Line, at.Column));
    }

    private List<(string, Expr?)> Parameters()
    {
        var parameters = new List<(string, Expr?)>();
        ExpectOperator("(");
        while (!SkipOperator(")"))
        {
            if (parameters.Count > 0)
            {
                ExpectOperator(",");
                if (SkipOperator(")"))
                {
                    break;
                }
            }

            var name = ExpectName("a parameter name");
            parameters.Add((name, SkipOperator("=") ? Expression() : null));
        }

        return parameters;
    }

    private Stmt.Macro Macro(Token at)
    {
        var name = ExpectName("a macro name");
        var parameters = Parameters();
        Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
        var body = Body(new Block("macro", at, ["endmacro"]));
        EndOfBody();
        return EndTag(new Stmt.Macro(name, parameters, body, at.Line, at.Column));
    }

    private Stmt.CallBlock CallBlock(Token at)
    {
        var parameters = Current.IsOperator("(") ? Parameters() : [];
        if (Expression() is not Expr.Call call)
        {
            throw Error("expected a call after 'call'", at);
        }

        Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
        var body = Body(new Block("call", at, ["endcall"]));
        EndOfBody();
        return EndTag(new Stmt.CallBlock(call, parameters, body, at.Line, at.Column));
    }

    private Stmt.FilterBlock FilterBlock(Token at)
    {
        var filters = new List<Expr.Filter> { (Expr.Filter)FilterCall(null) };
        while (SkipOperator("|"))
        {
            filters.Add((Expr.Filter)FilterCall(null));
        }

        Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
        var body = Body(new Block("filter", at, ["endfilter"]));
        EndOfBody();
        return EndTag(new Stmt.FilterBlock(filters, body, at.Line, at.Column));
    }

    private Stmt.With With(Token at)
    {
        var assignments = new List<(string, Expr)>();
        while (Current.Kind != TokenKind.BlockEnd)
        {
            if (assignments.Count > 0)
            {
                ExpectOperator(",");
            }

            var name = ExpectName("a variable name");
            ExpectOperator("=");
            assignments.Add((name, Expression()));
        }

        _index++;
        var body = Body(new Block("with", at, ["endwith"]));
        EndOfBody();
        return EndTag(new Stmt.With(assignments, body, at.Line, at.Column));
    }

    /// <summary>
    /// <c>{% block name [scoped] [required] %}…{% endblock [name] %}</c>. With no <c>extends</c> (which Ansible's
    /// templates do not use) a block renders where it stands, in a scope of its own, as Jinja renders it.
    /// </summary>
    private Stmt.With NamedBlock(Token at)
    {
        var name = ExpectName("a block name");
        while (Current.IsName("scoped") || Current.IsName("required"))
        {
            _index++;
        }

        Expect(TokenKind.BlockEnd, "end of statement block ('%}')");
        var body = Body(new Block("block", at, ["endblock"]));
        EndOfBody();
        if (Current.Kind == TokenKind.Name)
        {
            var closing = Current;
            if (closing.Text != name)
            {
                throw Error($"'endblock {closing.Text}' closes block '{name}' (opened at {at.Line}:{at.Column}); write 'endblock {name}' or 'endblock'", closing);
            }

            _index++;
        }

        return EndTag(new Stmt.With([], body, at.Line, at.Column));
    }

    private Stmt.Include Include(Token at)
    {
        var template = Expression();
        var ignoreMissing = false;
        if (Current.IsName("ignore") && Peek().IsName("missing"))
        {
            _index += 2;
            ignoreMissing = true;
        }

        var withContext = true;
        if ((Current.IsName("with") || Current.IsName("without")) && Peek().IsName("context"))
        {
            withContext = Current.Text == "with";
            _index += 2;
        }

        return EndTag(new Stmt.Include(template, ignoreMissing, withContext, at.Line, at.Column));
    }
}
