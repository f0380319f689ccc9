using FluentValidation;

namespace Converge.Modules.Service;

public sealed class ServiceParamsValidator : AbstractValidator<ServiceParams>
{
    public static readonly IReadOnlyList<string> States = ["started", "stopped", "restarted", "reloaded"];

    public ServiceParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().Matches(@"^[A-Za-z0-9@._:\\-]+$").WithMessage(p => $"'{p.Name}' is not a service name");
        RuleFor(p => p.State).Must(s => States.Contains(s!)).When(p => p.State is not null)
            .WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p).Must(p => p.State is not null || p.Enabled is not null).WithMessage("give state, enabled, or both");
    }
}
