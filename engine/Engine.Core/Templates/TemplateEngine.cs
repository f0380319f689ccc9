using Converge.Core.Templates.Jinja;

namespace Converge.Core.Templates;

/// <summary>
/// The one template engine: Jinja2 as Ansible speaks it (<see cref="Jinja"/>), for every string value, condition
/// and template file. Strict: an undefined variable throws <see cref="UndefinedVariableException"/> naming its
/// path and position. Each distinct template text is parsed once per engine; rendering is thread-safe.
/// </summary>
public sealed class TemplateEngine
{
    private readonly JinjaEnvironment _environment = new(JinjaLibrary.Standard);

    /// <summary>How many parses this engine has done: each distinct template text, condition and file once.</summary>
    public int Parses => _environment.Parses;

    /// <summary>Whether a string contains template syntax at all (plain strings skip the engine).</summary>
    public static bool IsTemplated(string? text) => TemplateText.IsTemplated(text);

    /// <summary>The placeholder that <c>omit</c> renders to: a module parameter with exactly this value is dropped.</summary>
    public static string OmitPlaceholder => Jinja.Filters.Globals.Omit;

    /// <summary>Renders a template to text (file semantics: the trailing newline is kept).</summary>
    public string Render(string source, IReadOnlyDictionary<string, object?> variables) =>
        IsTemplated(source) ? Session(variables).RenderText(_environment.File("(template)", source)) : source;

    /// <summary>Renders a template file's text; includes and lookups look next to it first, and errors carry its lines.</summary>
    public string RenderFile(string path, string text, IReadOnlyDictionary<string, object?> variables) =>
        Session(variables).RenderText(_environment.File(path, text));

    /// <summary>
    /// Renders a string value as Ansible does: a value that is exactly one list, dict or bool (<c>"{{ peers }}"</c>)
    /// keeps that type; text that reads as a list or dict literal becomes one; anything else is text.
    /// </summary>
    public object? RenderValue(string source, IReadOnlyDictionary<string, object?> variables) =>
        IsTemplated(source) ? Session(variables).RenderString(source) : source;

    /// <summary>Renders every template string inside a plain value (string, list, map).</summary>
    public object? RenderDeep(object? value, IReadOnlyDictionary<string, object?> variables) =>
        TemplateText.Contains(value) ? Session(variables).RenderDeep(value) : value;

    /// <summary>
    /// Evaluates a condition (<c>when</c>, <c>failed_when</c>, <c>assert</c>): a bare Jinja expression, or one wrapped
    /// in <c>{{ }}</c>. Python truthiness; an undefined variable anywhere in it (even under <c>not</c> or <c>==</c>) is an error.
    /// </summary>
    public bool Evaluate(string condition, IReadOnlyDictionary<string, object?> variables)
    {
        var expr = _environment.Expression(Bare(condition));
        var session = Session(variables);
        return new Evaluator(session).Truthy(expr, new Frame(null));
    }

    /// <summary>
    /// Runs a lookup plugin on terms already rendered, as a <c>with_*</c> loop does (<c>with_X: v</c> is
    /// <c>lookup('X', v, wantlist=True)</c>). In a role, files are looked for in the role first (its
    /// <paramref name="fileSubdirectory"/>, then its <c>tasks/</c>), then beside the playbook, as Ansible's search path goes.
    /// </summary>
    public IReadOnlyList<object?> Lookup(string plugin, IReadOnlyList<object?> terms, IReadOnlyDictionary<string, object?> variables, string? roleDirectory, string fileSubdirectory)
    {
        var search = new List<string>();
        if (roleDirectory is not null)
        {
            search.AddRange([roleDirectory, Path.Combine(roleDirectory, "tasks")]);
        }

        if (variables.TryGetValue("playbook_dir", out var dir) && dir is string d)
        {
            search.Add(d);
        }

        var session = new RenderSession(_environment, variables, search);
        var result = Jinja.Filters.Lookups.Run(session, [plugin, .. terms], new Dictionary<string, object?>(), wantList: true, fileSubdirectory);
        return result as IReadOnlyList<object?> ?? [result];
    }

    /// <summary>Checks a condition's syntax only, for load-time validation; returns the error or null.</summary>
    public static TemplateSyntaxException? ConditionError(string condition)
    {
        try
        {
            Parser.ParseExpression(Bare(condition), JinjaLibrary.Standard);
            return null;
        }
        catch (TemplateSyntaxException e)
        {
            return e;
        }
    }

    /// <summary>Checks a template's syntax only (unknown filters and tests included); returns the error or null.</summary>
    public static TemplateSyntaxException? TemplateError(string source, bool file = false)
    {
        try
        {
            var (options, body, skipped) = TemplateHeader.Read(source, file ? JinjaOptions.Ansible : JinjaOptions.Ansible with { KeepTrailingNewline = false });
            Parser.ParseTemplate(body, options, JinjaLibrary.Standard, skipped);
            return null;
        }
        catch (TemplateSyntaxException e)
        {
            return e;
        }
    }

    /// <summary>Checks syntax only; returns the message or null (kept for callers that only need the text).</summary>
    public static string? SyntaxError(string source) => TemplateError(source)?.Message;

    /// <summary>A condition without a <c>{{ }}</c> around it (Ansible accepts both).</summary>
    private static string Bare(string condition)
    {
        var text = condition.Trim();
        if (text.StartsWith("{{", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal)
            && text.IndexOf("{{", 2, StringComparison.Ordinal) < 0)
        {
            return text[2..^2];
        }

        return text;
    }

    private RenderSession Session(IReadOnlyDictionary<string, object?> variables)
    {
        return new RenderSession(_environment, variables, SearchPath(variables));
    }

    /// <summary>
    /// Where a lookup's relative path is searched, as Ansible's search path for a task: the task's role (its
    /// folder, then its <c>tasks/</c>), then the playbook's folder; each with the lookup's own subfolder first.
    /// </summary>
    private static string[] SearchPath(IReadOnlyDictionary<string, object?> variables)
    {
        var search = new List<string>();
        if (variables.TryGetValue("role_path", out var role) && role is string r && r.Length > 0)
        {
            search.Add(r);
            search.Add(Path.Combine(r, "tasks"));
        }

        if (variables.TryGetValue("playbook_dir", out var dir) && dir is string d && d.Length > 0)
        {
            search.Add(d);
        }

        return [.. search];
    }
}
