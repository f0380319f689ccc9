using System.Text.Json;
using Converge.Core.Modules;
using Converge.Core.Templates;
using FluentValidation;

namespace Converge.Modules.Debug;

/// <summary>
/// <c>debug</c>: its check is the message; it never changes anything, so apply is never called. Below its
/// <c>verbosity</c> it is skipped, as in Ansible; the run's verbosity is the <c>ansible_verbosity</c> variable.
/// </summary>
public sealed class DebugModule : Module<DebugParams>
{
    /// <summary>Ansible prints this for a <c>var</c> that is not defined, instead of failing the task.</summary>
    public const string NotDefined = "VARIABLE IS NOT DEFINED!";

    public override string Name => "debug";

    protected override IValidator<DebugParams> ParamsValidator => ParamsValidators.Of<DebugParamsValidator>();

    public override Task<Plan> CheckAsync(ModuleContext context, DebugParams parameters, CancellationToken ct)
    {
        var verbosity = context.Variables.GetValueOrDefault("ansible_verbosity") is { } v && long.TryParse(v.ToString(), out var level) ? level : 0;
        if (parameters.Verbosity > verbosity)
        {
            var reason = $"skipped: verbosity threshold {parameters.Verbosity} not reached";
            return Task.FromResult(Plan.InSync(reason) with { Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["skipped"] = true, ["skipped_reason"] = reason } });
        }

        var output = new Dictionary<string, object?>(StringComparer.Ordinal);
        string shown;
        if (parameters.Var is { } name)
        {
            var value = Evaluate(context, name);
            output[name] = value;
            shown = $"{name}: {Show(value)}";
        }
        else
        {
            var message = parameters.Msg ?? "Hello world!";
            output["msg"] = message;
            shown = Show(message);
        }

        return Task.FromResult(Plan.InSync(shown.Length == 0 ? "(empty)" : shown) with { Output = output });
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, DebugParams parameters, Plan plan, CancellationToken ct) =>
        throw new InvalidOperationException("debug never plans a change, so it is never applied");

    private static object? Evaluate(ModuleContext context, string name)
    {
        var expression = name.Trim();
        if (TemplateEngine.IsTemplated(expression))
        {
            return context.Templates.RenderValue(expression, context.Variables);
        }

        try
        {
            return context.Templates.RenderValue("{{ " + expression + " }}", context.Variables);
        }
        catch (UndefinedVariableException)
        {
            return NotDefined;
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => text,
        _ => JsonSerializer.Serialize(value),
    };
}
