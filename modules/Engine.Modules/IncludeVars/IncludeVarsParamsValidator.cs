using FluentValidation;

namespace Converge.Modules.IncludeVars;

public sealed class IncludeVarsParamsValidator : AbstractValidator<IncludeVarsParams>
{
    public IncludeVarsParamsValidator()
    {
        RuleFor(p => p).Must(p => (p.File is null) != (p.Dir is null)).WithMessage("give file (or the free form) or dir, one of them");
        RuleFor(p => p.Depth).GreaterThanOrEqualTo(0).WithMessage(p => $"depth must be 0 or more, not {p.Depth}");
    }
}
