using FluentValidation;

namespace Converge.Modules.WaitForConnection;

public sealed class WaitForConnectionParamsValidator : AbstractValidator<WaitForConnectionParams>
{
    public WaitForConnectionParamsValidator()
    {
        RuleFor(p => p.Delay).GreaterThanOrEqualTo(0).WithMessage("delay must be 0 or more seconds");
        RuleFor(p => p.Timeout).GreaterThan(0).WithMessage("timeout must be more than 0 seconds");
        RuleFor(p => p.Sleep).GreaterThan(0).WithMessage("sleep must be more than 0 seconds");
        RuleFor(p => p.ConnectTimeout).GreaterThan(0).WithMessage("connect_timeout must be more than 0 seconds");
    }
}
