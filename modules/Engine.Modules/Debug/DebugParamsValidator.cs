using FluentValidation;

namespace Converge.Modules.Debug;

public sealed class DebugParamsValidator : AbstractValidator<DebugParams>
{
    public DebugParamsValidator()
    {
        RuleFor(p => p).Must(p => p.Msg is null || p.Var is null).WithMessage("give msg or var, not both (they are mutually exclusive)");
        RuleFor(p => p.Var).NotEmpty().When(p => p.Var is not null).WithMessage("var needs a variable name or expression");
        RuleFor(p => p.Verbosity).InclusiveBetween(0, 5).WithMessage(p => $"verbosity must be 0 to 5, not {p.Verbosity}");
    }
}
