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

    public TemplateEngine()
    {
        _options = new TemplateOptions
        {
            MemberAccessStrategy = new UnsafeMemberAccessStrategy(),
            StrictFilters = true,
            Undefined = name => throw new UndefinedVariableException(name),
        };
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
            return ToPlain(value);
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

        var rendered = Render("{% if " + expression + " %}true{% else %}false{% endif %}", variables);
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
            context.SetValue(name, value);
        }

        return context;
    }

    private static object? ToPlain(FluidValue value) => value switch
    {
        NilValue => null,
        BooleanValue b => b.ToBooleanValue(),
        NumberValue n => n.ToNumberValue() is var d && d == Math.Floor(d) && Math.Abs(d) < long.MaxValue ? (long)d : (object)(double)n.ToNumberValue(),
        StringValue s => s.ToStringValue(),
        ArrayValue a => a.Values.Select(ToPlain).ToList(),
        _ => value.ToObjectValue(),
    };
}
