using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Templates;
using FluentValidation;

namespace Converge.Modules.Assertions;

/// <summary>
/// <c>assert</c>: its check is the evaluation. Every condition true → in sync with the success message;
/// the first false one fails the task naming it. It never changes anything, so apply is never called.
/// </summary>
public sealed class AssertModule : Module<AssertParams>
{
    public override string Name => "assert";

    protected override IValidator<AssertParams> ParamsValidator => ParamsValidators.Of<AssertParamsValidator>();

    public override Task<Plan> CheckAsync(ModuleContext context, AssertParams parameters, CancellationToken ct)
    {
        foreach (var condition in parameters.That)
        {
            bool holds;
            try
            {
                holds = context.Templates.Evaluate(condition, context.Variables);
            }
            catch (UndefinedVariableException e)
            {
                throw new TaskFailedException($"assertion '{condition}' uses undefined variable '{e.Variable}'", inner: e);
            }
            catch (TemplateSyntaxException e)
            {
                throw new TaskFailedException($"assertion '{condition}' is not a valid expression: {e.Message}", inner: e);
            }
            catch (TemplateRuntimeException e)
            {
                throw new TaskFailedException($"assertion '{condition}': {e.Message}", inner: e);
            }

            if (!holds)
            {
                var message = parameters.FailMsg is null ? "assertion failed" : parameters.FailMsg;
                throw new TaskFailedException($"{message} (failed: {condition})")
                {
                    Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["assertion"] = condition, ["msg"] = message },
                };
            }
        }

        var reason = parameters.Quiet ? "All assertions passed" : parameters.SuccessMsg ?? $"all {parameters.That.Count} assertion{(parameters.That.Count == 1 ? string.Empty : "s")} passed";
        return Task.FromResult(Plan.InSync(reason) with
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["msg"] = reason },
        });
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, AssertParams parameters, Plan plan, CancellationToken ct) =>
        throw new InvalidOperationException("assert never plans a change, so it is never applied");
}
