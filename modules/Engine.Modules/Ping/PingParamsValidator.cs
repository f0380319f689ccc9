using FluentValidation;

namespace Converge.Modules.Ping;

public sealed class PingParamsValidator : AbstractValidator<PingParams>
{
    public PingParamsValidator()
    {
        RuleFor(p => p.Data).NotNull().WithMessage("data must be a string");
    }
}
