using Converge.Core.Templates;
using FluentValidation;

namespace Converge.Modules.Assertions;

public sealed class AssertParamsValidator : AbstractValidator<AssertParams>
{
    public AssertParamsValidator()
    {
        RuleFor(p => p.That).NotEmpty().WithMessage("that needs at least one condition");
        RuleForEach(p => p.That)
            .Must(c => !string.IsNullOrWhiteSpace(c) && TemplateEngine.SyntaxError(AssertModule.AsTemplate(c)) is null)
            .WithMessage((_, c) => $"condition '{c}' is not a valid Liquid expression: {TemplateEngine.SyntaxError(AssertModule.AsTemplate(c ?? string.Empty))}");
    }
}
