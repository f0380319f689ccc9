using FluentValidation;

namespace Converge.Modules.Service;

public sealed class ServiceParamsValidator : AbstractValidator<ServiceParams>
{
    public static readonly IReadOnlyList<string> States = ["started", "stopped", "restarted", "reloaded"];

    public static readonly IReadOnlyList<string> Uses = ["auto", "systemd", "sysvinit", "service"];

    public ServiceParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().Matches(@"^[A-Za-z0-9@._:\\-]+$").WithMessage(p => $"'{p.Name}' is not a service name");
        RuleFor(p => p.State).Must(s => States.Contains(s!)).When(p => p.State is not null)
            .WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p).Must(p => p.State is not null || p.Enabled is not null).WithMessage("give state, enabled, or both");
        RuleFor(p => p.Use).Must(Uses.Contains).WithMessage(p => $"use must be one of {string.Join(", ", Uses)}, not '{p.Use}'");
        RuleFor(p => p.Pattern).Null().WithMessage("pattern is not supported: Converge reads the status from systemd or the init script, never from the process table");
        RuleFor(p => p.Runlevel).Null().WithMessage("runlevel is not supported: it is OpenRC's, and Converge manages Debian-family hosts (SysV start links come from the script's LSB header)");
        RuleFor(p => p.Sleep).Null().WithMessage("sleep is not supported: systemd and init scripts restart in one action");
    }
}
