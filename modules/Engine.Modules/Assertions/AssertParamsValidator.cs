using Converge.Core.Templates;
using FluentValidation;

namespace Converge.Modules.Assertions;

public sealed class AssertParamsValidator : AbstractValidator<AssertParams>
{
    public AssertParamsValidator()
    {
        RuleFor(p => p.That).NotEmpty().WithMessage("that needs at least one condition");
        RuleForEach(p => p.That)
            .Must(c => !string.IsNullOrWhiteSpace(c) && TemplateEngine.ConditionError(c) is null)
            .WithMessage((_, c) => string.IsNullOrWhiteSpace(c) ? "a condition cannot be empty" : $"condition '{c}' is not a valid Jinja expression: {TemplateEngine.ConditionError(c)?.Message}");
    }
}
