using System.Collections.Concurrent;
using Fluid;
using Fluid.Ast;
using Fluid.Parser;
using Fluid.Values;

namespace Converge.Core.Templates;

/// <summary>
/// The one template engine (Fluid, Liquid syntax): <c>{{ var }}</c> in any string value and in template files.
/// Strict: an undefined variable throws <see cref="UndefinedVariableException"/> naming it. Parsed templates
/// are cached, so rendering the same task for many hosts parses once.
/// </summary>
public sealed class TemplateEngine
{
    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false, AllowParentheses = true });

    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options;
    private readonly ThreadLocal<int> _depth = new(() => 0);

    public TemplateEngine()
    {
        _options = new TemplateOptions
        {
            MemberAccessStrategy = new UnsafeMemberAccessStrategy(),
            StrictFilters = true,
            Undefined = name => new ValueTask<FluidValue>(new UndefinedValue(name)),
        };
        _options.ValueConverters.Add(value => value is IDictionary<string, object?> map ? new StrictDictionaryValue("(map)", map, _options) : null);
        _options.Filters.AddFilter("to_json", TemplateFilters.ToJson);
        _options.Filters.AddFilter("b64encode", TemplateFilters.Base64Encode);
        _options.Filters.AddFilter("quote", TemplateFilters.ShellQuote);
        _options.Filters.AddFilter("mandatory", TemplateFilters.Mandatory);
    }

    /// <summary>Whether a string contains template syntax at all (plain strings skip the engine).</summary>
    public static bool IsTemplated(string? text) =>
        text is not null && (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal));

    /// <summary>Renders a template to text.</summary>
    public string Render(string source, IReadOnlyDictionary<string, object?> variables)
    {
        if (!IsTemplated(source))
        {
            return source;
        }

        var template = Parse(source);
        return template.Render(Context(variables));
    }

    /// <summary>
    /// Renders a string value. A value that is exactly one expression (<c>"{{ peers }}"</c>) keeps the
    /// expression's type (list, number, map), as Ansible does; anything else renders to text.
    /// </summary>
    public object? RenderValue(string source, IReadOnlyDictionary<string, object?> variables)
    {
        if (!IsTemplated(source))
        {
            return source;
        }

        var template = Parse(source);
        if (template is FluidTemplate { Statements: [OutputStatement output] } && source.TrimStart().StartsWith("{{", StringComparison.Ordinal)
            && source.TrimEnd().EndsWith("}}", StringComparison.Ordinal))
        {
            var value = output.Expression.EvaluateAsync(Context(variables)).AsTask().GetAwaiter().GetResult();
            return value is UndefinedValue undefined ? throw new UndefinedVariableException(undefined.Name) : ToPlain(value);
        }

        return template.Render(Context(variables));
    }

    /// <summary>Evaluates a condition (<c>when</c>, <c>failed_when</c>, <c>assert</c>): a Liquid expression.</summary>
    public bool Evaluate(string condition, IReadOnlyDictionary<string, object?> variables)
    {
        var expression = condition.Trim();
        if (expression.StartsWith("{{", StringComparison.Ordinal) && expression.EndsWith("}}", StringComparison.Ordinal))
        {
            expression = expression[2..^2].Trim();
        }

        var rendered = Render("{% if " + JinjaTests.Translate(expression) + " %}true{% else %}false{% endif %}", variables);
        return rendered == "true";
    }

    /// <summary>Checks syntax only, for load-time validation; returns the parser's message or null.</summary>
    public static string? SyntaxError(string source)
    {
        return Parser.TryParse(source, out _, out var error) ? null : error;
    }

    private IFluidTemplate Parse(string source) =>
        _cache.GetOrAdd(source, static s =>
            Parser.TryParse(s, out var template, out var error)
                ? template
                : throw new TemplateSyntaxException($"template syntax error: {error}"));

    private TemplateContext Context(IReadOnlyDictionary<string, object?> variables)
    {
        var context = new TemplateContext(_options, StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            // Variables may themselves hold templates ("{{ mesh_host.address }}"); like Ansible, they are
            // rendered lazily, only when a template uses them, so an unused one never fails a task.
            if (ContainsTemplate(value))
            {
                context.SetValue(name, () => FluidValue.Create(RenderDeep(name, value, variables), _options));
            }
            else
            {
                context.SetValue(name, StrictDictionaryValue.Wrap(name, value, _options));
            }
        }

        return context;
    }

    /// <summary>Renders every template string inside a plain value (string, list, map).</summary>
    public object? RenderDeep(object? value, IReadOnlyDictionary<string, object?> variables) => value switch
    {
        string s => RenderValue(s, variables),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => RenderDeep(p.Value, variables), StringComparer.Ordinal),
        IEnumerable<object?> list => list.Select(v => RenderDeep(v, variables)).ToList(),
        _ => value,
    };

    private object? RenderDeep(string name, object? value, IReadOnlyDictionary<string, object?> variables)
    {
        if (++_depth.Value > 20)
        {
            _depth.Value = 0;
            throw new TemplateSyntaxException($"variable '{name}' refers to itself (directly or through other variables)");
        }

        try
        {
            return RenderDeep(value, variables);
        }
        finally
        {
            _depth.Value = Math.Max(0, _depth.Value - 1);
        }
    }

    private static bool ContainsTemplate(object? value) => value switch
    {
        string s => IsTemplated(s),
        IReadOnlyDictionary<string, object?> map => map.Values.Any(ContainsTemplate),
        IEnumerable<object?> list => list.Any(ContainsTemplate),
        _ => false,
    };

    private static object? ToPlain(FluidValue value) => value switch
    {
        NilValue => null,
        BooleanValue b => b.ToBooleanValue(),
        NumberValue n => n.ToNumberValue() is var d && d == Math.Floor(d) && Math.Abs(d) < long.MaxValue ? (long)d : (object)(double)n.ToNumberValue(),
        StringValue s => s.ToStringValue(),
        ArrayValue a => a.Values.Select(ToPlain).ToList(),

        // A mapping variable ("{{ mesh_host }}") comes back as plain keys and values, not Fluid's wrapper,
        // so that params binding sees a dictionary as it does for YAML mappings.
        DictionaryValue d when d.ToObjectValue() is IFluidIndexable map =>
            map.Keys.ToDictionary(k => k, k => map.TryGetValue(k, out var item) ? ToPlain(item) : null, StringComparer.Ordinal),
        _ => value.ToObjectValue(),
    };
}
