using FluentValidation;

namespace Converge.Modules.WaitFor;

public sealed class WaitForParamsValidator : AbstractValidator<WaitForParams>
{
    public static readonly IReadOnlyList<string> States = ["started", "stopped", "present", "absent", "drained"];

    public WaitForParamsValidator()
    {
        RuleFor(p => p.State).Must(States.Contains).WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p).Must(p => p.Port is null || p.Path is null).WithMessage("give port or path, not both (they are mutually exclusive)");
        RuleFor(p => p.Port).InclusiveBetween(1, 65535).When(p => p.Port is not null).WithMessage(p => $"port must be 1 to 65535, not {p.Port}");
        RuleFor(p => p.Path).Must(p => p!.StartsWith('/')).When(p => p.Path is not null).WithMessage(p => $"path must be absolute, not '{p.Path}'");
        RuleFor(p => p.Port).NotNull().When(p => p.State == "drained").WithMessage("state drained needs a port");
        RuleFor(p => p.SearchRegex).Null().When(p => p.State is "stopped" or "absent").WithMessage(p => $"search_regex cannot be used with state {p.State}");
        RuleFor(p => p.Host).Matches(@"^[A-Za-z0-9.:_-]+$").WithMessage(p => $"'{p.Host}' is not a host name or address");
        RuleFor(p => p.Timeout).GreaterThanOrEqualTo(0).WithMessage("timeout must be 0 or more seconds");
        RuleFor(p => p.Delay).GreaterThanOrEqualTo(0).WithMessage("delay must be 0 or more seconds");
        RuleFor(p => p.Sleep).GreaterThan(0).WithMessage("sleep must be 1 or more seconds");
        RuleFor(p => p.ConnectTimeout).GreaterThan(0).WithMessage("connect_timeout must be 1 or more seconds");
    }
}
