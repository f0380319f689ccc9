using FluentValidation;

namespace Converge.Modules.Fail;

public sealed class FailParamsValidator : AbstractValidator<FailParams>
{
    public FailParamsValidator()
    {
        RuleFor(p => p.Msg).NotNull().WithMessage("msg must be a message");
    }
}
