namespace Converge.Core.Templates.Jinja;

/// <summary>
/// One render: the variables of one host and task, the variables already resolved (a variable holding a
/// template is rendered once, when first used, as Ansible's lazy templating does), the chain being
/// resolved (to name a recursive definition) and the output bound (to stop exponential expansion).
/// Not shared between threads: each render has its own.
/// </summary>
public sealed partial class RenderSession(JinjaEnvironment environment, IReadOnlyDictionary<string, object?> variables, IReadOnlyList<string> searchPath)
{
    /// <summary>The most text one render may produce (characters); past it the render fails, naming the variable.</summary>
    public const int MaxOutput = 16 * 1024 * 1024;

    private static readonly HashSet<string> PlainNames = ["groups", "group_names", "inventory_hostname", "inventory_hostname_short", "playbook_dir", "ansible_play_hosts", "ansible_play_hosts_all", "ansible_play_batch", "play_hosts", "omit"];

    private readonly Dictionary<string, object?> _resolved = new(StringComparer.Ordinal);
    private readonly List<string> _resolving = [];
    private string? _templatePath;

    public JinjaEnvironment Environment { get; } = environment;

    public IReadOnlyDictionary<string, object?> Variables { get; } = variables;

    public IReadOnlyList<string> SearchPath { get; } = searchPath;

    /// <summary>The file being rendered, if any (includes and relative lookups start from its directory).</summary>
    public string? TemplatePath => _templatePath;

    public bool TryVariable(string name, out object? value)
    {
        if (_resolved.TryGetValue(name, out value))
        {
            return true;
        }

        if (!Variables.TryGetValue(name, out var raw))
        {
            return false;
        }

        if (PlainNames.Contains(name))
        {
            value = raw;
            return true;
        }

        if (name == "hostvars" && Py.IsMap(raw))
        {
            value = _resolved[name] = new HostVars(raw!, Environment, SearchPath);
            return true;
        }

        if (!TemplateText.Contains(raw))
        {
            value = raw;
            return true;
        }

        if (_resolving.Contains(name))
        {
            throw new TemplateRuntimeException($"variable '{name}' refers to itself: {string.Join(" → ", _resolving.SkipWhile(n => n != name))} → {name}");
        }

        _resolving.Add(name);
        try
        {
            value = RenderDeep(raw);
        }
        finally
        {
            _resolving.RemoveAt(_resolving.Count - 1);
        }

        _resolved[name] = value;
        return true;
    }

    /// <summary>Renders every template string inside a value (string, list, map), with Ansible's typing of single expressions.</summary>
    public object? RenderDeep(object? value) => value switch
    {
        string s => RenderString(s),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => RenderDeep(p.Value), StringComparer.Ordinal),
        IDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => RenderDeep(p.Value), StringComparer.Ordinal),
        IEnumerable<object?> list => list.Select(RenderDeep).ToList(),
        _ => value,
    };

    /// <summary>Renders a string value: text, or the value itself when it is exactly one list/dict/bool (Ansible's ansible_eval_concat).</summary>
    public object? RenderString(string text)
    {
        if (!TemplateText.IsTemplated(text))
        {
            return text;
        }

        // Ansible's Templar returns a lone "{{ name }}" of a bool or number variable as that value (SINGLE_VAR).
        if (SingleVariable().Match(text) is { Success: true } single && TryVariable(single.Groups[1].Value, out var plain) && plain is bool or long or double)
        {
            return plain;
        }

        var template = Environment.String(text);
        var output = new OutputBuffer(this);
        new Evaluator(this).Execute(template.Body, new Frame(null), output);
        var value = AnsibleConcat.Value(output);
        if (value is string s && template.TrailingNewlines > 0)
        {
            var missing = template.TrailingNewlines - (s.Length - s.TrimEnd('\n').Length);
            return missing > 0 ? s + new string('\n', missing) : s;
        }

        return value;
    }

    /// <summary>Renders a whole template to text (a template file; Ansible's convert_data=False).</summary>
    public string RenderText(CompiledTemplate template)
    {
        var output = new OutputBuffer(this);
        WithTemplate(template.Path, () => new Evaluator(this).Execute(template.Body, new Frame(null), output));
        var text = output.ToString();
        var missing = template.TrailingNewlines - (text.Length - text.TrimEnd('\n').Length);
        return missing > 0 ? text + new string('\n', missing) : text;
    }

    public void WithTemplate(string? path, Action render)
    {
        var outer = _templatePath;
        _templatePath = path ?? outer;
        try
        {
            render();
        }
        finally
        {
            _templatePath = outer;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\{\{\s*(\w+)\s*\}\}\n?$")]
    private static partial System.Text.RegularExpressions.Regex SingleVariable();

    internal TemplateRuntimeException TooLarge() => _resolving.Count > 0
        ? new TemplateRuntimeException($"variable '{_resolving[^1]}' expands past {MaxOutput / (1024 * 1024)} MB (through {string.Join(" → ", _resolving)}); is a variable repeated into itself?")
        : new TemplateRuntimeException($"the template's output passes {MaxOutput / (1024 * 1024)} MB");
}
