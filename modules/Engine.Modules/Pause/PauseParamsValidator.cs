using FluentValidation;

namespace Converge.Modules.Pause;

public sealed class PauseParamsValidator : AbstractValidator<PauseParams>
{
    public PauseParamsValidator()
    {
        RuleFor(p => p).Must(p => p.Seconds is null || p.Minutes is null).WithMessage("give seconds or minutes, not both (they are mutually exclusive)");
        RuleFor(p => p.Seconds).GreaterThanOrEqualTo(0).When(p => p.Seconds is not null).WithMessage("seconds must be 0 or more");
        RuleFor(p => p.Minutes).GreaterThanOrEqualTo(0).When(p => p.Minutes is not null).WithMessage("minutes must be 0 or more");
    }
}
